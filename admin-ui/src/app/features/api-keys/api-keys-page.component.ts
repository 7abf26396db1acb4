import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { type ApiKeyRowFragment, ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument } from '../../graphql/generated';

/** What a third-party frontend may do with a key; the API checks the same names. */
export const API_KEY_SCOPES = ['complaint.submit', 'complaint.read', 'complaint.track'] as const;

@Component({
  selector: 'app-api-keys-page',
  imports: [DatePipe, ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './api-keys-page.component.html',
  styles: `
    .card {
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 16px 20px;
      margin-bottom: 16px;
    }
    .secret {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .secret code {
      display: block;
      padding: 12px;
      margin: 8px 0;
      border-radius: 8px;
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      word-break: break-all;
      font-size: 15px;
    }
    .scopes {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
      margin-bottom: 8px;
    }
    .revoked td {
      opacity: 0.55;
    }
    .actions {
      text-align: right;
    }
  `,
})
export class ApiKeysPageComponent {
  private readonly apollo = inject(Apollo);
  private readonly clipboard = inject(Clipboard);
  private readonly i18n = inject(I18nService);

  protected readonly keys = signal<ApiKeyRowFragment[]>([]);
  protected readonly error = signal<string | null>(null);
  /** The secret exists in the browser only until the admin dismisses it; the API stores a hash. */
  protected readonly createdSecret = signal<{ name: string; secret: string } | null>(null);
  protected readonly copied = signal(false);
  protected readonly scopes = API_KEY_SCOPES;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', Validators.required],
    scopes: [['complaint.submit', 'complaint.read'] as string[]],
  });

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: ApiKeysDocument, fetchPolicy: 'network-only' }));
      this.keys.set(result.data?.apiKeys ?? []);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected toggleScope(scope: string, on: boolean): void {
    const current = this.form.controls.scopes.value;
    this.form.controls.scopes.setValue(on ? [...new Set([...current, scope])] : current.filter((s) => s !== scope));
  }

  protected async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    try {
      const input = this.form.getRawValue();
      const result = await firstValueFrom(this.apollo.mutate({ mutation: CreateApiKeyDocument, variables: { input } }));
      const created = result.data?.createApiKey;
      if (created) {
        this.keys.update((list) => [created.apiKey, ...list]);
        this.createdSecret.set({ name: created.apiKey.name, secret: created.secret });
        this.copied.set(false);
      }
      this.form.reset();
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected copySecret(): void {
    const created = this.createdSecret();
    if (created) this.copied.set(this.clipboard.copy(created.secret));
  }

  protected async revoke(key: ApiKeyRowFragment): Promise<void> {
    if (!confirm(this.i18n.t('apiKeys.confirmRevoke', { name: key.name }))) return;
    try {
      const result = await firstValueFrom(this.apollo.mutate({ mutation: RevokeApiKeyDocument, variables: { id: key.id } }));
      const revoked = result.data?.revokeApiKey;
      if (revoked) this.keys.update((list) => list.map((k) => (k.id === revoked.id ? revoked : k)));
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }
}
