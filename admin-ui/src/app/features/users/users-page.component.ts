import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  CreateUserDocument,
  TeamsDocument,
  type TeamsQuery,
  TenantConfigDocument,
  UpdateUserDocument,
  type UserRowFragment,
  UsersDocument,
} from '../../graphql/generated';
import type { Role } from '@complaints/tenant-config';

@Component({
  selector: 'app-users-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.component.html',
  styles: `
    .card {
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 16px 20px;
      margin-bottom: 16px;
    }
    .inactive td {
      opacity: 0.55;
    }
    .actions {
      text-align: right;
      white-space: nowrap;
    }
    .roles-select {
      min-width: 180px;
    }
  `,
})
export class UsersPageComponent {
  private readonly apollo = inject(Apollo);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly users = signal<UserRowFragment[]>([]);
  protected readonly roles = signal<Role[]>([]);
  protected readonly teams = signal<TeamsQuery['teams']>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly showForm = signal(false);
  protected readonly saving = signal(false);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    displayName: ['', Validators.required],
    password: ['', [Validators.required, Validators.minLength(10)]],
    roles: [[] as string[]],
    teams: [[] as string[]],
  });

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      const [users, config, teams] = await Promise.all([
        firstValueFrom(this.apollo.query({ query: UsersDocument, fetchPolicy: 'network-only' })),
        firstValueFrom(this.apollo.query({ query: TenantConfigDocument })),
        firstValueFrom(this.apollo.query({ query: TeamsDocument })),
      ]);
      this.users.set(users.data?.users ?? []);
      this.roles.set((config.data?.tenant.config['roles'] as Role[] | undefined) ?? []);
      this.teams.set(teams.data?.teams ?? []);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    try {
      const input = this.form.getRawValue();
      const result = await firstValueFrom(this.apollo.mutate({ mutation: CreateUserDocument, variables: { input } }));
      const user = result.data?.createUser;
      if (user) {
        this.users.update((list) => [...list, user]);
        this.snackBar.open(this.i18n.t('users.created', { name: user.displayName }), undefined, { duration: 3000 });
      }
      this.form.reset();
      this.showForm.set(false);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.saving.set(false);
    }
  }

  protected async update(user: UserRowFragment, input: { roles?: string[]; teams?: string[]; active?: boolean }): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.mutate({ mutation: UpdateUserDocument, variables: { id: user.id, input } }));
      const updated = result.data?.updateUser;
      if (updated) {
        this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        this.snackBar.open(this.i18n.t('users.updated', { name: updated.displayName }), undefined, { duration: 2500 });
      }
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected roleName(code: string): string {
    const role = this.roles().find((r) => r.code === code);
    return role ? this.i18n.pick(role.name) : code;
  }
}
