import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  AddAttachmentDocument,
  SubmitComplaintDocument,
  SuggestArticlesDocument,
  type SuggestArticlesQuery,
  TenantConfigDocument,
} from '../../graphql/generated';
import { checkAttachment, fileToBase64, formatBytes } from '../complaints/attachments';
import { flattenCategories } from '../tenant-config/categories/category-tree';
import type { TenantConfig } from '@complaints/tenant-config';
import { CHANNELS } from '@complaints/tenant-config/closed-sets';
import { normaliseConfig } from '../tenant-config/normalise-config';
import { type IntakeForm, type IntakeProblem, emptyIntake, intakeProblems, newIdempotencyKey, toSubmitInput } from './intake';

/**
 * Records a complaint taken by phone or in a store. The idempotency key belongs to this form: a
 * double click or a retry after a timeout returns the same complaint; a fresh form gets a fresh key.
 */
@Component({
  selector: 'app-intake-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './intake-page.component.html',
  styleUrl: './intake-page.component.scss',
})
export class IntakePageComponent {
  private readonly apollo = inject(Apollo);
  private readonly i18n = inject(I18nService);

  protected readonly channels = CHANNELS.filter((c) => c !== 'api' && c !== 'web');
  protected readonly config = signal<TenantConfig | null>(null);
  protected readonly categories = computed(() => flattenCategories(this.config()?.categories ?? []).filter((r) => !r.category.retired));
  protected readonly form = signal<IntakeForm>(emptyIntake(this.i18n.locale()));
  protected readonly problems = signal<IntakeProblem[]>([]);
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<{ id: string; number: string; duplicate: boolean } | null>(null);
  /** Evidence chosen on the form, attached once the complaint is filed. */
  protected readonly files = signal<File[]>([]);
  protected readonly fileError = signal<string | null>(null);
  /** Files the filed complaint could not take (the complaint itself stands). */
  protected readonly notAttached = signal<string[]>([]);
  protected readonly formatBytes = formatBytes;
  /** Knowledge-base articles that may already answer what the caller describes. */
  protected readonly suggestions = signal<SuggestArticlesQuery['suggestArticles']>([]);
  protected readonly openArticle = signal<string | null>(null);
  private idempotencyKey = newIdempotencyKey();
  private suggestTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSuggestText = '';

  constructor() {
    void this.loadConfig();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.suggestTimer));
  }

  /** Asks for suggestions once typing pauses; short texts match too loosely to help. */
  private scheduleSuggestions(): void {
    clearTimeout(this.suggestTimer);
    this.suggestTimer = setTimeout(() => void this.suggest(), 400);
  }

  private async suggest(): Promise<void> {
    const form = this.form();
    const text = `${form.subject} ${form.description}`.trim();
    const key = `${text}|${form.categoryCode}`;
    if (key === this.lastSuggestText) return;
    this.lastSuggestText = key;
    if (text.length < 4) {
      this.suggestions.set([]);
      return;
    }
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: SuggestArticlesDocument,
          variables: { text, categoryCode: form.categoryCode || null, limit: 5 },
          fetchPolicy: 'network-only',
        }),
      );
      this.suggestions.set(result.data?.suggestArticles ?? []);
    } catch {
      // Suggestions help; their absence must not block recording the complaint.
      this.suggestions.set([]);
    }
  }

  private async loadConfig(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument }));
      if (result.data) this.config.set(normaliseConfig(result.data.tenant.config));
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected set<K extends keyof IntakeForm>(field: K, value: IntakeForm[K]): void {
    this.form.update((form) => ({ ...form, [field]: value }));
    if (this.problems().length) this.problems.set(intakeProblems(this.form()));
    if (field === 'subject' || field === 'description' || field === 'categoryCode') this.scheduleSuggestions();
  }

  protected has(problem: IntakeProblem): boolean {
    return this.problems().includes(problem);
  }

  protected async submit(): Promise<void> {
    const problems = intakeProblems(this.form());
    this.problems.set(problems);
    if (problems.length) {
      document.querySelector<HTMLElement>(`[name="${problems[0] === 'contact' ? 'phone' : problems[0]}"]`)?.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: SubmitComplaintDocument,
          variables: { idempotencyKey: this.idempotencyKey, input: toSubmitInput(this.form()) },
        }),
      );
      const payload = result.data?.submitComplaint;
      if (payload) {
        // A repeat of the same form found the complaint filed before: its evidence went with the first send.
        if (payload.created) this.notAttached.set(await this.attachAll(payload.complaint.id));
        this.created.set({ ...payload.complaint, duplicate: !payload.created });
      }
    } catch (error) {
      // The key stays: sending the same form again cannot file it twice.
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.submitting.set(false);
    }
  }

  protected choose(input: HTMLInputElement): void {
    const checked = [...(input.files ?? [])].map((file) => ({ file, check: checkAttachment(file) }));
    input.value = '';
    const refused = checked.find(({ check }) => !check.ok);
    this.fileError.set(refused && !refused.check.ok ? `${refused.file.name}: ${this.i18n.t(`attachments.${refused.check.reason}`)}` : null);
    this.files.update((files) => [...files, ...checked.filter(({ check }) => check.ok).map(({ file }) => file)]);
  }

  protected unchoose(index: number): void {
    this.files.update((files) => files.filter((_, i) => i !== index));
  }

  /** Uploads the chosen files to the filed complaint; returns the names of those it refused. */
  private async attachAll(complaintId: string): Promise<string[]> {
    const failed: string[] = [];
    for (const file of this.files()) {
      try {
        await firstValueFrom(
          this.apollo.mutate({
            mutation: AddAttachmentDocument,
            variables: { complaintId, fileName: file.name, contentType: file.type, contentBase64: await fileToBase64(file) },
          }),
        );
      } catch {
        failed.push(file.name);
      }
    }
    return failed;
  }

  protected startOver(): void {
    this.files.set([]);
    this.fileError.set(null);
    this.notAttached.set([]);
    this.form.set(emptyIntake(this.i18n.locale()));
    this.problems.set([]);
    this.created.set(null);
    this.error.set(null);
    this.suggestions.set([]);
    this.lastSuggestText = '';
    this.idempotencyKey = newIdempotencyKey();
  }
}
