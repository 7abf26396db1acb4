import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import {
  AddInternalNoteDocument,
  AssignComplaintDocument,
  AssignableUsersDocument,
  type AssignableUsersQuery,
  ComplaintDetailDocument,
  type ComplaintDetailQuery,
  SendCustomerMessageDocument,
} from '../../graphql/generated';
import { compactDuration, dueState } from './due-badge';

type Complaint = ComplaintDetailQuery['complaint'];
type Visibility = 'INTERNAL' | 'CUSTOMER';

@Component({
  selector: 'app-complaint-detail',
  imports: [DatePipe, RouterLink, MatButtonModule, MatButtonToggleModule, MatIconModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-detail.component.html',
  styleUrls: ['./complaints.scss', './complaint-detail.component.scss'],
})
export class ComplaintDetailComponent {
  private readonly apollo = inject(Apollo);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly i18n = inject(I18nService);

  /** Bound from the `complaints/:id` route parameter. */
  readonly id = input.required<string>();
  protected readonly complaint = signal<Complaint | null>(null);
  protected readonly assignable = signal<AssignableUsersQuery | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly visibility = signal<Visibility>('INTERNAL');
  protected readonly sending = signal(false);

  constructor() {
    effect(() => void this.load(this.id()));
    void this.loadAssignable();
  }

  private async load(id: string): Promise<void> {
    try {
      const result = await firstValueFrom(
        this.apollo.query({ query: ComplaintDetailDocument, variables: { id }, fetchPolicy: 'network-only' }),
      );
      this.complaint.set(result.data?.complaint ?? null);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  private async loadAssignable(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: AssignableUsersDocument }));
      this.assignable.set(result.data ?? null);
    } catch {
      // Without the lists the assign form stays hidden; the rest of the page still works.
    }
  }

  protected due(dueAt: string | null | undefined): { tone: string; text: string } {
    const state = dueState(dueAt, Date.now());
    if (state.tone === 'none') return { tone: 'none', text: '—' };
    const time = compactDuration(state.minutes);
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
          : (await firstValueFrom(this.apollo.mutate({ mutation: SendCustomerMessageDocument, variables }))).data
              ?.sendCustomerMessage;
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
      await firstValueFrom(
        this.apollo.mutate({
          mutation: AssignComplaintDocument,
          variables: { id: complaint.id, assigneeId: assigneeId || null, teamCode: teamCode || null, note: note.trim() || null },
        }),
      );
      this.snackBar.open(this.i18n.t('complaint.assigned'), undefined, { duration: 2000 });
      await this.load(complaint.id);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }
}
