import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import type { Locale } from '../../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { Permission } from '@complaints/tenant-config';
import { PERMISSIONS } from '@complaints/tenant-config/closed-sets';
import { TenantConfigStore } from '../tenant-config.store';

/** Roles as columns, permissions as rows: a tenant rarely has more than a handful of roles. */
@Component({
  selector: 'app-roles-tab',
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="section-title">{{ 'roles.title' | t }}</h2>
    <div class="scroll-x">
      <table class="data-table matrix">
        <thead>
          <tr>
            <th scope="col">{{ 'roles.permission' | t }}</th>
            @for (role of config().roles; track role.code; let r = $index) {
              <th scope="col" class="role-head">
                <input
                  class="plain-input"
                  [value]="role.name['zh-CN']"
                  [attr.aria-label]="('common.nameZh' | t) + ' ' + role.code"
                  (change)="rename(r, 'zh-CN', $any($event.target).value)"
                />
                <input
                  class="plain-input"
                  [value]="role.name.en"
                  [attr.aria-label]="('common.nameEn' | t) + ' ' + role.code"
                  (change)="rename(r, 'en', $any($event.target).value)"
                />
                <div class="role-code">
                  <code>{{ role.code }}</code>
                  <button mat-icon-button type="button" (click)="remove(r)" [attr.aria-label]="('common.delete' | t) + ' ' + role.code">
                    <mat-icon>delete</mat-icon>
                  </button>
                </div>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (permission of permissions; track permission) {
            <tr>
              <th scope="row">
                <div>{{ 'permission.' + permission | t }}</div>
                <code class="muted">{{ permission }}</code>
              </th>
              @for (role of config().roles; track role.code; let r = $index) {
                <td class="check">
                  <mat-checkbox
                    [checked]="role.permissions.includes(permission)"
                    (change)="toggle(r, permission, $event.checked)"
                    [aria-label]="(role.name | localized) + ': ' + permission"
                  />
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
    @for (error of store.errorsUnder('roles'); track error.path) {
      <div class="field-error" role="alert">
        <code>{{ error.path }}</code> {{ error.message }}
      </div>
    }
    <form class="add-row" (submit)="$event.preventDefault(); add(code.value); code.value = ''">
      <label class="visually-hidden" for="new-role">{{ 'roles.newCode' | t }}</label>
      <input #code id="new-role" class="plain-input" [placeholder]="'roles.newCode' | t" />
      <button mat-stroked-button type="submit"><mat-icon>add</mat-icon>{{ 'roles.add' | t }}</button>
    </form>
  `,
  styleUrl: '../config-tab.scss',
  styles: `
    .matrix {
      min-width: 640px;
    }
    .matrix tbody th {
      font-weight: normal;
    }
    .matrix tbody th code {
      font-size: 12px;
    }
    .role-head {
      min-width: 140px;
      vertical-align: top;
    }
    .role-head .plain-input {
      margin-bottom: 4px;
    }
    .role-code {
      display: flex;
      align-items: center;
      justify-content: space-between;
    }
    .check {
      text-align: center;
    }
  `,
})
export class RolesTabComponent {
  protected readonly store = inject(TenantConfigStore);
  protected readonly config = computed(() => this.store.draft()!);
  /** The fixed catalogue: tenants compose roles from it but cannot invent permissions. */
  protected readonly permissions = PERMISSIONS;

  protected toggle(roleIndex: number, permission: Permission, granted: boolean): void {
    this.store.update((config) => {
      const role = config.roles[roleIndex];
      role.permissions = granted ? [...new Set([...role.permissions, permission])] : role.permissions.filter((p) => p !== permission);
    });
  }

  protected rename(roleIndex: number, locale: Locale, value: string): void {
    this.store.update((config) => (config.roles[roleIndex].name[locale] = value.trim()));
  }

  protected add(code: string): void {
    const clean = code.trim();
    if (!/^[a-z][a-z0-9_-]{0,63}$/.test(clean) || this.config().roles.some((role) => role.code === clean)) return;
    this.store.update((config) => config.roles.push({ code: clean, name: { 'zh-CN': clean, en: clean }, permissions: [] }));
  }

  protected remove(roleIndex: number): void {
    this.store.update((config) => config.roles.splice(roleIndex, 1));
  }
}
