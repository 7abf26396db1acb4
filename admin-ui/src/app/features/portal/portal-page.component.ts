import { CurrencyPipe, DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import type { Client } from 'graphql-ws';
import { I18nService, LOCALES, type Locale } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { type LiveStatus, createLiveClient, followFeed, jwtSubject } from '../../core/live/live-feed';
import {
  PortalAddAttachmentDocument,
  PortalAnswerSurveyDocument,
  PortalComplaintDocument,
  type PortalComplaintQuery,
  PortalFeedDocument,
  PortalInfoDocument,
  PortalRespondDocument,
  PortalSendMessageDocument,
  PortalSubmitComplaintDocument,
  PortalUploadAttachmentDocument,
  TrackComplaintDocument,
} from '../../graphql/generated';
import { checkAttachment, fileToBase64 } from '../complaints/attachments';
import { EvidenceFiles } from '../evidence/evidence-files';
import { EvidencePickerComponent } from '../evidence/evidence-picker.component';
import { newIdempotencyKey } from '../intake/intake';
import { PortalError, type StoredPortalSession, portalRequest, readPortalSession, writePortalSession } from './portal-api';
import { StarRatingComponent } from './star-rating.component';

type View = PortalComplaintQuery['portalComplaint'];

/** The customer's steps; several workflow stages read as one step to a customer. */
export const PORTAL_STEPS = ['received', 'investigating', 'solution', 'answer', 'done'] as const;
export function portalStep(stage: string, status: string): number {
  if (status === 'RESOLVED' || status === 'CLOSED' || stage === 'followup' || stage === 'archive') return 4;
  switch (stage) {
    case 'intake':
      return 0;
    case 'investigation':
      return 1;
    case 'handling':
    case 'review':
      return 2;
    case 'feedback':
      return status === 'WAITING_ON_CUSTOMER' ? 3 : 2;
    default:
      return 0;
  }
}

interface SubmitForm {
  name: string;
  email: string;
  phone: string;
  subject: string;
  description: string;
  orderRef: string;
  expectedResolution: string;
}

const emptySubmit = (): SubmitForm => ({ name: '', email: '', phone: '', subject: '', description: '', orderRef: '', expectedResolution: '' });

/**
 * The public complaint page of one tenant (`/portal/:portalKey`): no staff login. A customer files a
 * complaint or finds one by number and contact, then follows it live, writes to the team and answers
 * the proposed solution.
 */
@Component({
  selector: 'app-portal-page',
  imports: [CurrencyPipe, DatePipe, EvidencePickerComponent, MatButtonModule, MatButtonToggleModule, MatIconModule, StarRatingComponent, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './portal-page.component.html',
  styleUrls: ['./portal-page.component.scss', './portal-complaint-view.scss'],
})
export class PortalPageComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly locales = LOCALES;
  protected readonly steps = PORTAL_STEPS;

  /** Bound from the route. */
  readonly portalKey = input.required<string>();

  protected readonly mode = signal<'submit' | 'track'>('submit');
  protected readonly session = signal<StoredPortalSession | null>(null);
  protected readonly view = signal<View | null>(null);
  protected readonly liveStatus = signal<LiveStatus>('connecting');
  protected readonly submitForm = signal<SubmitForm>(emptySubmit());
  protected readonly submitProblems = signal<string[]>([]);
  protected readonly evidence = new EvidenceFiles(
    async (file, contentBase64) =>
      (await portalRequest(PortalUploadAttachmentDocument, { portalKey: this.portalKey(), fileName: file.name, contentType: file.type, contentBase64 }))
        .portalUploadAttachment.id,
    (key) => this.i18n.t(key),
  );
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly answer = signal<{ accepted: boolean | null; rating: number | null; comment: string; reason: string }>({
    accepted: null,
    rating: null,
    comment: '',
    reason: '',
  });
  protected readonly answerProblem = signal<string | null>(null);
  protected readonly announcement = signal('');
  /** The tenant's name in the header, once the portal key is known to the API. */
  protected readonly tenantName = signal<string | null>(null);

  protected readonly step = computed(() => {
    const v = this.view();
    return v ? portalStep(v.stage, v.status) : 0;
  });
  protected readonly awaitingAnswer = computed(() => {
    const v = this.view();
    return !!v && v.stage === 'feedback' && v.status === 'WAITING_ON_CUSTOMER';
  });

  /** Closed and in follow-up: the survey the closing e-mail links to can be answered. */
  protected readonly surveyOpen = computed(() => this.view()?.stage === 'followup');
  protected readonly survey = signal<{ rating: number | null; comment: string }>({ rating: null, comment: '' });
  protected readonly surveyProblem = signal<string | null>(null);

  private idempotencyKey = newIdempotencyKey();
  private noticeStep: number | null = null;
  private client: Client | null = null;
  private unsubscribe: (() => void) | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const portalKey = this.portalKey();
      const stored = readPortalSession(portalKey);
      if (stored) void this.open(stored);
      portalRequest(PortalInfoDocument, { portalKey })
        .then((data) => this.tenantName.set(data.portalInfo.tenantName))
        .catch(() => this.tenantName.set(null));
    });
    inject(DestroyRef).onDestroy(() => this.stopLive());
  }

  protected setLocale(locale: Locale): void {
    this.i18n.setLocale(locale);
  }

  protected setField(field: keyof SubmitForm, value: string): void {
    this.submitForm.update((form) => ({ ...form, [field]: value }));
  }

  protected async submit(): Promise<void> {
    const form = this.submitForm();
    const problems: string[] = [];
    if (!form.subject.trim()) problems.push('subject');
    if (!form.description.trim()) problems.push('description');
    if (!form.email.trim() && !form.phone.trim()) problems.push('contact');
    this.submitProblems.set(problems);
    if (problems.length) return;
    await this.run(async () => {
      const attachmentIds = await this.evidence.uploadAll((error) => this.describe(error));
      if (!attachmentIds) return;
      const data = await portalRequest(PortalSubmitComplaintDocument, {
        portalKey: this.portalKey(),
        idempotencyKey: this.idempotencyKey,
        input: {
          subject: form.subject.trim(),
          description: form.description.trim(),
          orderRef: form.orderRef.trim() || undefined,
          expectedResolution: form.expectedResolution.trim() || undefined,
          locale: this.i18n.locale(),
          contact: { name: form.name.trim() || undefined, email: form.email.trim() || undefined, phone: form.phone.trim() || undefined },
          attachmentIds,
        },
      }).catch((error: unknown) => {
        // An upload the intake could not claim (it expired) is made again on the next send.
        if (error instanceof PortalError && error.code === 'BAD_USER_INPUT') this.evidence.forgetUploads();
        throw error;
      });
      this.submitForm.set(emptySubmit());
      this.evidence.clear();
      this.idempotencyKey = newIdempotencyKey();
      await this.open(data.portalSubmitComplaint);
      this.setNotice(this.i18n.t('portal.submitted', { number: data.portalSubmitComplaint.number }));
    });
  }

  protected async track(number: string, contact: string): Promise<void> {
    if (!number.trim() || !contact.trim()) {
      this.error.set(this.i18n.t('portal.trackMissing'));
      return;
    }
    await this.run(async () => {
      const data = await portalRequest(TrackComplaintDocument, { portalKey: this.portalKey(), number: number.trim(), contact: contact.trim() });
      this.notice.set(null);
      await this.open(data.trackComplaint);
    });
  }

  private async open(session: StoredPortalSession): Promise<void> {
    this.session.set(session);
    writePortalSession(this.portalKey(), session);
    await this.reload();
    this.startLive(session);
  }

  private setNotice(message: string): void {
    this.notice.set(message);
    this.noticeStep = this.step();
  }

  protected leave(): void {
    this.stopLive();
    writePortalSession(this.portalKey(), null);
    this.session.set(null);
    this.view.set(null);
    this.notice.set(null);
    this.error.set(null);
  }

  private async reload(): Promise<void> {
    const session = this.session();
    if (!session) return;
    try {
      const data = await portalRequest(PortalComplaintDocument, {}, session.token);
      const before = this.view();
      this.view.set(data.portalComplaint);
      // A confirmation is about the step it was given at; once things move on it would mislead.
      if (this.noticeStep !== null && this.step() !== this.noticeStep) this.notice.set(null);
      if (before && before.stage !== data.portalComplaint.stage) {
        this.announcement.set(this.i18n.t('portal.statusChanged', { step: this.i18n.t('portal.step.' + PORTAL_STEPS[this.step()]) }));
      }
    } catch (error) {
      if (error instanceof PortalError && error.code === 'UNAUTHENTICATED') {
        this.leave();
        this.error.set(this.i18n.t('portal.sessionExpired'));
      } else {
        this.error.set(this.describe(error));
      }
    }
  }

  private startLive(session: StoredPortalSession): void {
    this.stopLive();
    const complaintId = jwtSubject(session.token);
    if (!complaintId) return;
    this.client = createLiveClient(
      () => `Bearer ${session.token}`,
      (status) => this.liveStatus.set(status),
    );
    this.unsubscribe = followFeed(this.client, PortalFeedDocument, { id: complaintId }, () => {
      clearTimeout(this.reloadTimer);
      this.reloadTimer = setTimeout(() => void this.reload(), 200);
    });
  }

  private stopLive(): void {
    clearTimeout(this.reloadTimer);
    this.unsubscribe?.();
    this.unsubscribe = null;
    void this.client?.dispose();
    this.client = null;
  }

  protected async sendMessage(body: string): Promise<boolean> {
    const session = this.session();
    if (!session || !body.trim()) return false;
    let ok = false;
    await this.run(async () => {
      await portalRequest(PortalSendMessageDocument, { body: body.trim() }, session.token);
      await this.reload();
      ok = true;
    });
    return ok;
  }

  protected async attach(input: HTMLInputElement): Promise<void> {
    const session = this.session();
    const file = input.files?.[0];
    if (!session || !file) return;
    const check = checkAttachment(file);
    if (!check.ok) {
      this.error.set(this.i18n.t(`attachments.${check.reason}`));
      input.value = '';
      return;
    }
    await this.run(async () => {
      await portalRequest(PortalAddAttachmentDocument, { fileName: file.name, contentType: file.type, contentBase64: await fileToBase64(file) }, session.token);
      this.setNotice(this.i18n.t('portal.attached', { name: file.name }));
      await this.reload();
    });
    input.value = '';
  }

  protected setAnswer(patch: Partial<{ accepted: boolean | null; rating: number | null; comment: string; reason: string }>): void {
    this.answer.update((a) => ({ ...a, ...patch }));
    this.answerProblem.set(null);
  }

  protected async respond(): Promise<void> {
    const session = this.session();
    const a = this.answer();
    if (!session) return;
    if (a.accepted === null) return this.answerProblem.set(this.i18n.t('portal.answerChoose'));
    if (!a.rating) return this.answerProblem.set(this.i18n.t('portal.answerRating'));
    if (!a.accepted && !a.reason.trim()) return this.answerProblem.set(this.i18n.t('portal.answerReason'));
    await this.run(async () => {
      await portalRequest(
        PortalRespondDocument,
        {
          accepted: a.accepted!,
          rating: a.rating,
          comment: a.comment.trim() || null,
          reason: a.accepted ? null : a.reason.trim(),
        },
        session.token,
      );
      this.answer.set({ accepted: null, rating: null, comment: '', reason: '' });
      await this.reload();
      this.setNotice(this.i18n.t(a.accepted ? 'portal.thanksAccepted' : 'portal.thanksRejected'));
    });
  }

  protected setSurvey(patch: Partial<{ rating: number | null; comment: string }>): void {
    this.survey.update((a) => ({ ...a, ...patch }));
    this.surveyProblem.set(null);
  }

  protected async answerSurvey(): Promise<void> {
    const session = this.session();
    const { rating, comment } = this.survey();
    if (!session) return;
    if (!rating) return this.surveyProblem.set(this.i18n.t('portal.answerRating'));
    await this.run(async () => {
      await portalRequest(PortalAnswerSurveyDocument, { rating, comment: comment.trim() || null }, session.token);
      this.survey.set({ rating: null, comment: '' });
      await this.reload();
      this.setNotice(this.i18n.t('portal.thanksSurvey'));
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error) {
      this.error.set(this.describe(error));
    } finally {
      this.busy.set(false);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof PortalError) {
      if (error.code === 'RATE_LIMITED') return this.i18n.t('portal.error.rateLimited', { seconds: error.retryAfter ?? 60 });
      const key = `portal.error.${error.code}`;
      const text = this.i18n.t(key);
      return text === key ? `${this.i18n.t('portal.error.other')} (${error.message})` : text;
    }
    return this.i18n.t('portal.error.other');
  }

  protected eventText(entry: { kind: string; toValue?: string | null }): string {
    if (entry.kind === 'stage.entered' && entry.toValue) {
      return this.i18n.t('portal.step.' + PORTAL_STEPS[portalStep(entry.toValue, 'OPEN')]);
    }
    const key = `portal.event.${entry.kind}`;
    const text = this.i18n.t(key);
    return text === key ? this.i18n.t('portal.event.other') : text;
  }
}
