import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { I18nService, LOCALES, type Locale } from '../core/i18n/i18n.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';

interface NavItem {
  path: string;
  icon: string;
  label: string;
  /** Shown only to callers holding it (the route's guard asks for the same). */
  permission: string;
}

@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatTooltipModule,
    TranslatePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly locales = LOCALES;

  /** Below this width the side nav overlays the content instead of pushing it. */
  protected readonly compact = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private readonly navOpenedByUser = signal(false);
  protected readonly navOpened = computed(() => !this.compact() || this.navOpenedByUser());

  protected readonly tenantName = computed(() => this.auth.me()?.tenant.name ?? this.auth.session()?.tenantSlug ?? '');
  protected readonly userName = computed(() => this.auth.me()?.user?.displayName ?? this.auth.session()?.user.displayName ?? '');

  private readonly allNav: NavItem[] = [
    { path: '/complaints', icon: 'inbox', label: 'nav.complaints', permission: 'complaint.read' },
    { path: '/dashboard', icon: 'insights', label: 'nav.dashboard', permission: 'analytics.read' },
    { path: '/settings', icon: 'tune', label: 'nav.settings', permission: 'tenant.configure' },
    { path: '/teams', icon: 'groups', label: 'nav.teams', permission: 'team.manage' },
    { path: '/users', icon: 'group', label: 'nav.users', permission: 'user.manage' },
    { path: '/api-keys', icon: 'key', label: 'nav.apiKeys', permission: 'apikey.manage' },
    { path: '/triage', icon: 'auto_awesome', label: 'nav.triage', permission: 'tenant.configure' },
  ];
  protected readonly nav = computed(() => {
    const granted = this.auth.me()?.permissions ?? [];
    return this.allNav.filter((item) => granted.includes(item.permission));
  });

  constructor() {
    // The session survives reloads; who we are (and the tenant's name) is fetched again.
    void this.auth.ensureMe();
  }

  protected toggleNav(): void {
    this.navOpenedByUser.update((open) => !open);
  }

  protected closeNavIfCompact(): void {
    if (this.compact()) this.navOpenedByUser.set(false);
  }

  protected setLocale(locale: Locale): void {
    this.i18n.setLocale(locale);
  }

  protected logout(): void {
    void this.auth.logout();
  }
}
