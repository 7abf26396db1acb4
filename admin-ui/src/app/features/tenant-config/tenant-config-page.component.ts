import { ChangeDetectionStrategy, Component, HostListener, computed, inject, input } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar, MatSnackBarModule } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { CalendarTabComponent } from './calendar/calendar-tab.component';
import { CategoriesTabComponent } from './categories/categories-tab.component';
import { HistoryTabComponent } from './history/history-tab.component';
import { PoliciesTabComponent } from './policies/policies-tab.component';
import { RolesTabComponent } from './roles/roles-tab.component';
import { RoutingTabComponent } from './routing/routing-tab.component';
import { SeveritiesTabComponent } from './sla/severities-tab.component';
import { TemplatesTabComponent } from './templates/templates-tab.component';
import { TenantConfigStore } from './tenant-config.store';
import { YamlTabComponent } from './yaml/yaml-tab.component';
import { type ConfigTab, placeOfError } from './config-error-place';

export const CONFIG_TABS = ['categories', 'sla', 'roles', 'routing', 'calendar', 'policies', 'templates', 'history', 'yaml'] as const;

@Component({
  selector: 'app-tenant-config-page',
  imports: [
    FormsModule,
    MatTabsModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSnackBarModule,
    TranslatePipe,
    CategoriesTabComponent,
    SeveritiesTabComponent,
    RolesTabComponent,
    RoutingTabComponent,
    CalendarTabComponent,
    PoliciesTabComponent,
    TemplatesTabComponent,
    HistoryTabComponent,
    YamlTabComponent,
  ],
  providers: [TenantConfigStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-config-page.component.html',
  styleUrl: './tenant-config-page.component.scss',
})
export class TenantConfigPageComponent {
  protected readonly store = inject(TenantConfigStore);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  /** Bound from the `settings/:tab` route parameter. */
  readonly tab = input<string>();
  protected readonly tabs = CONFIG_TABS;
  protected readonly selectedIndex = computed(() => Math.max(0, CONFIG_TABS.indexOf(this.tab() as never)));
  protected note = '';

  constructor() {
    void this.store.load();
  }

  protected placeOf(path: string): { tab: ConfigTab; label: string } {
    return placeOfError(path, (key, params) => this.i18n.t(key, params));
  }

  protected goTo(tab: ConfigTab): void {
    void this.router.navigate(['/settings', tab], { replaceUrl: true });
  }

  /** Leaving the settings with unsaved edits asks first (the route's guard and the browser's unload both ask this). */
  hasUnsavedChanges(): boolean {
    return this.store.dirty();
  }

  @HostListener('window:beforeunload', ['$event'])
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (this.store.dirty()) event.preventDefault();
  }

  protected selectTab(index: number): void {
    void this.router.navigate(['/settings', CONFIG_TABS[index]], { replaceUrl: true });
  }

  protected async save(): Promise<void> {
    const outcome = await this.store.save(this.note.trim());
    if (outcome.ok) {
      this.note = '';
      this.snackBar.open(this.i18n.t('config.saved', { version: outcome.version }), undefined, { duration: 3000 });
    } else {
      this.snackBar.open(this.i18n.t('config.saveFailed'), this.i18n.t('common.close'), { duration: 6000 });
    }
  }
}
