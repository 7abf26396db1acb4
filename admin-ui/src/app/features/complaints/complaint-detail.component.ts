import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom, map } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import { followFeed } from '../../core/live/live-feed';
import { StaffLiveService } from '../../core/live/staff-live.service';
import {
  AddAttachmentDocument,
  AddInternalNoteDocument,
  AssignableStaffDocument,
  type AssignableStaffQuery,
  AttachmentContentDocument,
  type AttachmentInfoFragment,
  ComplaintDetailDocument,
  type ComplaintDetailQuery,
  ComplaintFeedDocument,
  CustomerComplaintsDocument,
  type CustomerComplaintsQuery,
  type LifecycleStateFragment,
  type ComplaintFeedSubscription,
  ReassignComplaintDocument,
  SendCustomerMessageDocument,
  TenantConfigDocument,
} from '../../graphql/generated';
import { flattenCategories } from '../tenant-config/categories/category-tree';
import type { TenantConfig } from '@complaints/tenant-config';
import { normaliseConfig } from '../tenant-config/normalise-config';
import { checkAttachment, downloadBase64, fileToBase64, formatBytes } from './attachments';
import { compactDuration, dueState } from './due-badge';
import { LifecyclePanelComponent } from './lifecycle-panel.component';

type ComplaintFeedUpdate = ComplaintFeedSubscription['complaintUpdated'];
type Complaint = ComplaintDetailQuery['complaint'];
type Visibility = 'INTERNAL' | 'CUSTOMER';
type OtherComplaint = CustomerComplaintsQuery['complaints']['edges'][number]['node'];

@Component({
  selector: 'app-complaint-detail',
  imports: [DatePipe, RouterLink, MatButtonModule, MatButtonToggleModule, MatIconModule, TranslatePipe, LocalizedPipe, LifecyclePanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-detail.component.html',
  styleUrls: ['./complaints.scss', './complaint-detail.component.scss'],
})
export class ComplaintDetailComponent {
  private readonly apollo = inject(Apollo);
  private readonly snackBar = inject(MatSnackBar);
  private readonly live = inject(StaffLiveService);
  private readonly auth = inject(AuthService);
  /** The signed-in user, for "assign to me" (an API key has none). */
  protected readonly myId = computed(() => this.auth.me()?.user?.id ?? null);
  protected readonly i18n = inject(I18nService);

  /** Bound from the `complaints/:id` route parameter. */
  readonly id = input.required<string>();
  protected readonly complaint = signal<Complaint | null>(null);
  protected readonly others = signal<OtherComplaint[]>([]);
  protected readonly assignable = signal<AssignableStaffQuery | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly attachmentError = signal<string | null>(null);
  protected readonly uploading = signal(false);
  protected readonly visibility = signal<Visibility>('INTERNAL');
  protected readonly sending = signal(false);
  /** The lifecycle view the last live event carried, for the panel to apply. */
  protected readonly pushedLifecycle = signal<LifecycleStateFragment | null>(null);
  protected readonly announcement = signal('');
  protected readonly formatBytes = formatBytes;
  private readonly config = signal<TenantConfig | null>(null);
  /** One column: the next steps go first, above the long timeline. */
  protected readonly oneColumn = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 1100px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    let unsubscribe: (() => void) | null = null;
    effect((onCleanup) => {
      const id = this.id();
      void this.load(id);
      unsubscribe = followFeed<ComplaintFeedUpdate>(this.live.client, ComplaintFeedDocument, { id }, (update) => this.onLive(update));
      onCleanup(() => unsubscribe?.());
    });
    inject(DestroyRef).onDestroy(() => {
      unsubscribe?.();
      clearTimeout(this.reloadTimer);
    });
    void this.loadAssignable();
    void this.loadConfig();
  }

  private async loadConfig(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument }));
      if (result.data) this.config.set(normaliseConfig(result.data.tenant.config));
    } catch {
      // Names are a nicety: codes still show.
    }
  }

  protected severityName(code: string): string {
    const severity = this.config()?.severities.find((s) => s.code === code);
    return severity ? this.i18n.pick(severity.name) : code;
  }

  protected categoryName(code: string | null | undefined): string {
    if (!code) return '—';
    const row = flattenCategories(this.config()?.categories ?? []).find((r) => r.category.code === code);
    return row ? this.i18n.pick(row.category.name) : code;
  }

  protected teamName(code: string | null | undefined): string {
    if (!code) return '—';
    const team = this.config()?.teams.find((t) => t.code === code);
    return team ? this.i18n.pick(team.name) : code;
  }

  /** A timeline kind in words; an unknown kind shows as it is. */
  protected eventLabel(kind: string): string {
    const key = `event.${kind}`;
    const text = this.i18n.t(key);
    return text === key ? kind : text;
  }

  protected actorLabel(actorType: string, actorName: string | null | undefined): string {
    if (actorName) return actorName;
    const key = `actor.${actorType}`;
    const text = this.i18n.t(key);
    return text === key ? actorType : text;
  }

  /** Stage and team codes in an event's from/to values read as names. */
  protected eventValue(kind: string, value: string | null | undefined): string {
    if (!value) return '—';
    if (kind.startsWith('stage.') || kind === 'complaint.created') {
      const key = `stage.${value}`;
      const text = this.i18n.t(key);
      return text === key ? value : text;
    }
    if (kind === 'complaint.routed' || kind === 'complaint.assigned' || kind === 'complaint.escalated') return this.teamName(value);
    return value;
  }

  private onLive(update: ComplaintFeedUpdate): void {
    if (update.complaint.lifecycle) this.pushedLifecycle.set(update.complaint.lifecycle);
    // Events come in bursts (a stage change is several); read the timeline once the burst settles.
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(this.id()), 250);
    this.announcement.set(this.i18n.t('complaint.liveEvent', { kind: update.event.kind }));
  }

  private async load(id: string): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: ComplaintDetailDocument, variables: { id }, fetchPolicy: 'network-only' }));
      const complaint = result.data?.complaint ?? null;
      this.complaint.set(complaint);
      this.error.set(null);
      if (complaint?.customer?.id) void this.loadOthers(complaint.customer.id, complaint.id);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  private async loadOthers(customerId: string, selfId: string): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: CustomerComplaintsDocument, variables: { customerId }, fetchPolicy: 'network-only' }));
      this.others.set((result.data?.complaints.edges ?? []).map((e) => e.node).filter((c) => c.id !== selfId));
    } catch {
      this.others.set([]);
    }
  }

  private async loadAssignable(): Promise<void> {
    await this.auth.ensureMe();
    if (!this.auth.hasPermission('complaint.assign')) return;
    try {
      const result = await firstValueFrom(this.apollo.query({ query: AssignableStaffDocument }));
      this.assignable.set(result.data ?? null);
    } catch {
      // Without the lists the assign form stays hidden; the rest of the page still works.
    }
  }

  /** The 1–5 rating a customer's answer or a follow-up carried, if any. */
  protected ratingOf(data: unknown): number | null {
    const rating = (data as { rating?: unknown } | null)?.rating;
    return typeof rating === 'number' && rating >= 1 && rating <= 5 ? rating : null;
  }

  protected onActed(): void {
    void this.load(this.id());
    this.snackBar.open(this.i18n.t('lifecycle.done'), undefined, { duration: 2000 });
  }

  protected due(c: Complaint): { tone: string; text: string } {
    if (c.status === 'WAITING_ON_CUSTOMER') return { tone: 'paused', text: this.i18n.t('complaints.paused') };
    if (c.status === 'CLOSED' || c.status === 'RESOLVED') return { tone: 'none', text: this.i18n.t('status.' + c.status) };
    const state = dueState(c.stageDueAt, Date.now());
    if (state.tone === 'none') return { tone: 'none', text: '—' };
    const time = compactDuration(state.minutes, this.i18n.durationUnits());
    return { tone: state.tone, text: this.i18n.t(state.tone === 'overdue' ? 'complaints.overdue' : 'complaints.dueIn', { time }) };
  }

  protected async send(body: string): Promise<boolean> {
    const complaint = this.complaint();
    const text = body.trim();
    if (!complaint || !text) return false;
    this.sending.set(true);
    try {
      const variables = { complaintId: complaint.id, body: text };
      const comment =
        this.visibility() === 'INTERNAL'
          ? (await firstValueFrom(this.apollo.mutate({ mutation: AddInternalNoteDocument, variables }))).data?.addInternalNote
          : (await firstValueFrom(this.apollo.mutate({ mutation: SendCustomerMessageDocument, variables }))).data?.sendCustomerMessage;
      if (comment) this.complaint.set({ ...complaint, comments: [...complaint.comments, comment] });
      this.snackBar.open(this.i18n.t('complaint.sent'), undefined, { duration: 2000 });
      return true;
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
      return false;
    } finally {
      this.sending.set(false);
    }
  }

  protected async assign(assigneeId: string, teamCode: string, note: string): Promise<void> {
    const complaint = this.complaint();
    if (!complaint || (!assigneeId && !teamCode)) return;
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: ReassignComplaintDocument,
          variables: { id: complaint.id, assigneeId: assigneeId || null, teamCode: teamCode || null, note: note.trim() || null },
        }),
      );
      this.snackBar.open(this.i18n.t('complaint.assigned'), undefined, { duration: 2000 });
      const lifecycle = result.data?.reassignComplaint.lifecycle;
      if (lifecycle) this.pushedLifecycle.set(lifecycle);
      await this.load(complaint.id);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  protected async upload(input: HTMLInputElement): Promise<void> {
    const complaint = this.complaint();
    const file = input.files?.[0];
    if (!complaint || !file) return;
    this.attachmentError.set(null);
    const check = checkAttachment(file);
    if (!check.ok) {
      this.attachmentError.set(this.i18n.t(`attachments.${check.reason}`));
      input.value = '';
      return;
    }
    this.uploading.set(true);
    try {
      const result = await firstValueFrom(
        this.apollo.mutate({
          mutation: AddAttachmentDocument,
          variables: { complaintId: complaint.id, fileName: file.name, contentType: file.type, contentBase64: await fileToBase64(file) },
        }),
      );
      const added = result.data?.addAttachment;
      if (added) this.complaint.set({ ...complaint, attachments: [...complaint.attachments, added] });
      this.snackBar.open(this.i18n.t('attachments.uploaded'), undefined, { duration: 2000 });
    } catch (error) {
      this.attachmentError.set(extractFieldErrors(error).message);
    } finally {
      this.uploading.set(false);
      input.value = '';
    }
  }

  protected async download(attachment: AttachmentInfoFragment): Promise<void> {
    try {
      const result = await firstValueFrom(
        this.apollo.query({ query: AttachmentContentDocument, variables: { id: attachment.id }, fetchPolicy: 'network-only' }),
      );
      const content = result.data?.attachmentContent;
      if (content) downloadBase64(content, attachment.fileName, attachment.contentType);
    } catch (error) {
      this.attachmentError.set(extractFieldErrors(error).message);
    }
  }
}
