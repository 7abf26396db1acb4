import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { errorCode, extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { ComplaintLifecycleDocument, type LifecycleStateFragment } from '../../graphql/generated';
import {
  ACTION_FIELDS,
  type ActionForm,
  type ActionName,
  COMPENSATION_TYPES,
  actionRequest,
  emptyForm,
  missingFields,
  offeredActions,
} from './lifecycle-actions';

/** The workflow's live state and the actions the signed-in user may take now, each with its small form. */
@Component({
  selector: 'app-lifecycle-panel',
  imports: [DatePipe, MatButtonModule, MatIconModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './lifecycle-panel.component.html',
  styleUrls: ['./complaints.scss', './lifecycle-panel.component.scss'],
})
export class LifecyclePanelComponent {
  private readonly apollo = inject(Apollo);
  private readonly i18n = inject(I18nService);

  readonly complaintId = input.required<string>();
  /** The view a live event carried: applied as it is, without reading the state again. */
  readonly pushed = input<LifecycleStateFragment | null>(null);
  readonly acted = output<void>();

  protected readonly state = signal<LifecycleStateFragment | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly open = signal<ActionName | null>(null);
  protected readonly form = signal<ActionForm>(emptyForm());
  protected readonly missing = signal<(keyof ActionForm)[]>([]);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<{ code: string; message: string } | null>(null);
  protected readonly compensationTypes = COMPENSATION_TYPES;
  protected readonly ratings = [1, 2, 3, 4, 5];

  constructor() {
    effect(() => void this.load(this.complaintId()));
    effect(() => {
      const pushed = this.pushed();
      if (pushed) this.apply(pushed);
    });
  }

  protected actions(): ActionName[] {
    return offeredActions(this.state()?.allowedActions ?? []);
  }

  protected shows(field: keyof ActionForm): boolean {
    const action = this.open();
    if (!action) return false;
    if (action === 'customerResponse') {
      if (field === 'reason') return !this.form().accepted;
      if (field === 'rating' || field === 'comment') return true;
    }
    return ACTION_FIELDS[action].fields.includes(field);
  }

  protected missingLabels(): string {
    return this.missing()
      .map((field) => this.i18n.t(`lifecycle.field.${field}`))
      .join(', ');
  }

  protected isMissing(field: keyof ActionForm): boolean {
    return this.missing().includes(field);
  }

  async load(id: string): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: ComplaintLifecycleDocument, variables: { id }, fetchPolicy: 'network-only' }));
      this.apply(result.data?.complaintLifecycle ?? null);
      this.loadError.set(null);
    } catch (error) {
      this.loadError.set(extractFieldErrors(error).message);
    }
  }

  private apply(state: LifecycleStateFragment | null): void {
    this.state.set(state);
    const open = this.open();
    if (open && !this.actions().includes(open)) this.open.set(null);
  }

  protected choose(action: ActionName): void {
    this.open.set(this.open() === action ? null : action);
    this.form.set(emptyForm());
    this.missing.set([]);
    this.actionError.set(null);
  }

  protected set<K extends keyof ActionForm>(field: K, value: ActionForm[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
    if (this.missing().length) this.missing.set(this.missing().filter((f) => f !== field));
  }

  protected async submit(): Promise<void> {
    const action = this.open();
    if (!action) return;
    const missing = missingFields(action, this.form());
    this.missing.set(missing);
    if (missing.length) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const { mutation, variables } = actionRequest(action, this.complaintId(), this.form());
      const result = await firstValueFrom(this.apollo.mutate({ mutation, variables }));
      const payload = result.data ? Object.values(result.data)[0] : undefined;
      if (payload) this.apply(payload.lifecycle);
      this.open.set(null);
      this.acted.emit();
    } catch (error) {
      const code = errorCode(error) ?? 'ERROR';
      this.actionError.set({ code, message: extractFieldErrors(error).message });
    } finally {
      this.busy.set(false);
    }
  }

  /** A plain-language reading of the error code, with the API's own message beneath it. */
  protected errorTitle(code: string): string {
    const key = `lifecycle.error.${code}`;
    const text = this.i18n.t(key);
    return text === key ? this.i18n.t('lifecycle.error.other') : text;
  }
}
