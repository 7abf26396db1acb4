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
  SubmitComplaintDocument,
  SuggestArticlesDocument,
  type SuggestArticlesQuery,
  TenantConfigDocument,
  UploadAttachmentDocument,
} from '../../graphql/generated';
import { EvidenceFiles } from '../evidence/evidence-files';
import { EvidencePickerComponent } from '../evidence/evidence-picker.component';
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
  imports: [EvidencePickerComponent, MatButtonModule, MatIconModule, RouterLink, TranslatePipe, LocalizedPipe],
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
  protected readonly evidence = new EvidenceFiles(
    async (file, contentBase64) =>
      (
        await firstValueFrom(
          this.apollo.mutate({ mutation: UploadAttachmentDocument, variables: { fileName: file.name, contentType: file.type, contentBase64 } }),
        )
      ).data!.uploadAttachment.id,
    (key) => this.i18n.t(key),
  );
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
    if (this.submitting()) return;
    const problems = intakeProblems(this.form());
    this.problems.set(problems);
    if (problems.length) {
      document.querySelector<HTMLElement>(`[name="${problems[0] === 'contact' ? 'phone' : problems[0]}"]`)?.focus();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    try {
      const attachmentIds = await this.evidence.uploadAll((error) => extractFieldErrors(error).message);
      if (!attachmentIds) return;
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: SubmitComplaintDocument,
          variables: { idempotencyKey: this.idempotencyKey, input: { ...toSubmitInput(this.form()), attachmentIds } },
        }),
      );
      const payload = result.data?.submitComplaint;
      if (payload) this.created.set({ ...payload.complaint, duplicate: !payload.created });
    } catch (error) {
      // The key stays: sending the same form again cannot file it twice. An upload the intake could not
      // claim (it expired) is made again on the next send.
      if (extractFieldErrors(error).fieldErrors.some((e) => e.path.startsWith('input.attachmentIds'))) this.evidence.forgetUploads();
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.submitting.set(false);
    }
  }

  protected startOver(): void {
    this.evidence.clear();
    this.form.set(emptyIntake(this.i18n.locale()));
    this.problems.set([]);
    this.created.set(null);
    this.error.set(null);
    this.suggestions.set([]);
    this.lastSuggestText = '';
    this.idempotencyKey = newIdempotencyKey();
  }
}
