import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { errorsByPath, extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { DeleteTeamDocument, SaveTeamDocument, TeamsDocument, type TeamsQuery } from '../../graphql/generated';

type Team = TeamsQuery['teams'][number];
const CODE = /^[a-z][a-z0-9_-]{0,63}$/;

/**
 * Teams: each save or delete is a configuration version of its own on the server (saveTeam /
 * deleteTeam), so this page works on the server's list directly rather than on a config draft.
 */
@Component({
  selector: 'app-teams-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <header class="page-header">
        <h1>{{ 'teams.title' | t }}</h1>
        <span class="muted">{{ 'teams.hint' | t }}</span>
      </header>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (error(); as message) {
        <div class="error-banner" role="alert">{{ message }}</div>
      }

      <div class="card scroll-x">
        <table class="data-table teams">
          <thead>
            <tr>
              <th scope="col">{{ 'common.code' | t }}</th>
              <th scope="col">{{ 'common.nameZh' | t }}</th>
              <th scope="col">{{ 'common.nameEn' | t }}</th>
              <th scope="col">{{ 'teams.members' | t }}</th>
              <th scope="col" class="actions">
                <span class="visually-hidden">{{ 'common.actions' | t }}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            @for (team of teams(); track team.code) {
              <tr>
                <td>
                  <code>{{ team.code }}</code>
                </td>
                <td><input #zh class="plain-input" [value]="name(team, 'zh-CN')" [attr.aria-label]="('common.nameZh' | t) + ' ' + team.code" /></td>
                <td><input #en class="plain-input" [value]="name(team, 'en')" [attr.aria-label]="('common.nameEn' | t) + ' ' + team.code" /></td>
                <td class="members">
                  @for (member of team.members; track member.id) {
                    <span class="chip">{{ member.displayName }}</span>
                  } @empty {
                    <span class="muted">—</span>
                  }
                </td>
                <td class="actions">
                  <button mat-button type="button" (click)="save(team.code, zh.value, en.value)" [disabled]="busy()">
                    <mat-icon>save</mat-icon>{{ 'common.save' | t }}
                  </button>
                  <button
                    mat-icon-button
                    type="button"
                    (click)="remove(team.code)"
                    [disabled]="busy()"
                    [attr.aria-label]="('common.delete' | t) + ' ' + team.code"
                  >
                    <mat-icon>delete</mat-icon>
                  </button>
                  @if (rowErrors()[team.code]; as message) {
                    <div class="field-error" role="alert">{{ message }}</div>
                  }
                </td>
              </tr>
            } @empty {
              @if (!loading()) {
                <tr>
                  <td colspan="5" class="muted">{{ 'common.noneYet' | t }}</td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>

      <section class="card">
        <h2 class="section-title">{{ 'teams.add' | t }}</h2>
        <form
          class="add-team"
          (submit)="$event.preventDefault(); add(code.value, newZh.value, newEn.value).then((ok) => ok && (code.value = newZh.value = newEn.value = ''))"
        >
          <label
            >{{ 'common.code' | t }}
            <input #code class="plain-input" name="code" required [attr.aria-invalid]="!!fieldErrors()['code']" placeholder="after_sales" />
          </label>
          <label>{{ 'common.nameZh' | t }}<input #newZh class="plain-input" name="nameZh" required /></label>
          <label>{{ 'common.nameEn' | t }}<input #newEn class="plain-input" name="nameEn" required /></label>
          <button mat-flat-button type="submit" [disabled]="busy()"><mat-icon>add</mat-icon>{{ 'common.add' | t }}</button>
        </form>
        @for (entry of fieldErrorList(); track entry[0]) {
          <div class="field-error" role="alert">
            <code>{{ entry[0] }}</code> {{ entry[1] }}
          </div>
        }
      </section>
    </div>
  `,
  styleUrl: '../tenant-config/config-tab.scss',
  styles: `
    .card {
      background: var(--mat-sys-surface);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
      padding: 12px 16px;
      margin-bottom: 16px;
    }
    .teams {
      min-width: 720px;
    }
    .teams td {
      vertical-align: middle;
    }
    .teams .actions button {
      vertical-align: middle;
    }
    .members {
      max-width: 280px;
    }
    .add-team {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-end;
    }
    .add-team label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      flex: 1 1 180px;
    }
  `,
})
export class TeamsPageComponent {
  private readonly apollo = inject(Apollo);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly teams = signal<Team[]>([]);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly rowErrors = signal<Record<string, string>>({});
  protected readonly fieldErrors = signal<Record<string, string>>({});
  protected readonly fieldErrorList = () => Object.entries(this.fieldErrors());

  constructor() {
    void this.load();
  }

  protected name(team: Team, locale: 'zh-CN' | 'en'): string {
    const value = team.name[locale];
    return typeof value === 'string' ? value : '';
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TeamsDocument, fetchPolicy: 'network-only' }));
      this.teams.set(result.data?.teams ?? []);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected async add(code: string, nameZh: string, nameEn: string): Promise<boolean> {
    const clean = code.trim();
    const problems: Record<string, string> = {};
    if (!CODE.test(clean)) problems['code'] = this.i18n.t('teams.codeInvalid');
    else if (this.teams().some((t) => t.code === clean)) problems['code'] = this.i18n.t('teams.codeTaken');
    if (!nameZh.trim() || !nameEn.trim()) problems['name'] = this.i18n.t('teams.namesRequired');
    this.fieldErrors.set(problems);
    if (Object.keys(problems).length) return false;
    return this.save(clean, nameZh, nameEn, true);
  }

  protected async save(code: string, nameZh: string, nameEn: string, isNew = false): Promise<boolean> {
    this.busy.set(true);
    this.rowErrors.set({});
    try {
      await firstValueFrom(this.apollo.mutate({ mutation: SaveTeamDocument, variables: { code, input: { nameZh: nameZh.trim(), nameEn: nameEn.trim() } } }));
      this.snackBar.open(this.i18n.t(isNew ? 'teams.added' : 'teams.saved', { code }), undefined, { duration: 2500 });
      await this.load();
      return true;
    } catch (error) {
      const { fieldErrors, message } = extractFieldErrors(error);
      if (isNew) this.fieldErrors.set(fieldErrors.length ? errorsByPath(fieldErrors) : { [code]: message });
      else this.rowErrors.set({ [code]: message });
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(code: string): Promise<void> {
    if (!confirm(this.i18n.t('teams.confirmDelete', { code }))) return;
    this.busy.set(true);
    this.rowErrors.set({});
    try {
      await firstValueFrom(this.apollo.mutate({ mutation: DeleteTeamDocument, variables: { code } }));
      this.snackBar.open(this.i18n.t('teams.deleted', { code }), undefined, { duration: 2500 });
      await this.load();
    } catch (error) {
      // The API refuses a team that rules, categories or users still refer to, and says which.
      this.rowErrors.set({ [code]: extractFieldErrors(error).message });
    } finally {
      this.busy.set(false);
    }
  }
}
