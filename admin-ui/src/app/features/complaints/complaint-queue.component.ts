import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import { type ComplaintFilter, type ComplaintRowFragment, type ComplaintStatus, ComplaintsDocument, TenantConfigDocument } from '../../graphql/generated';
import { STAGE_CODES, type Severity } from '../tenant-config/tenant-config.model';
import { compactDuration, dueState } from './due-badge';

const PAGE_SIZE = 25;
const CHANNELS = ['phone', 'chat', 'email', 'social', 'store', 'app', 'web', 'api'];
const STATUSES: ComplaintStatus[] = ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];

/** One value per filter in this UI; the API takes lists, so a saved view can hold several later. */
export interface QueueFilter {
  text?: string;
  stage?: string;
  severity?: string;
  channel?: string;
  status?: ComplaintStatus;
}

export function toComplaintFilter(filter: QueueFilter): ComplaintFilter {
  return {
    ...(filter.text ? { text: filter.text } : {}),
    ...(filter.stage ? { stages: [filter.stage] } : {}),
    ...(filter.severity ? { severities: [filter.severity] } : {}),
    ...(filter.channel ? { channels: [filter.channel] } : {}),
    ...(filter.status ? { statuses: [filter.status] } : {}),
  };
}

@Component({
  selector: 'app-complaint-queue',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-queue.component.html',
  styleUrl: './complaints.scss',
})
export class ComplaintQueueComponent {
  private readonly apollo = inject(Apollo);
  protected readonly i18n = inject(I18nService);

  protected readonly stages = STAGE_CODES;
  protected readonly channels = CHANNELS;
  protected readonly severities = signal<Severity[]>([]);
  protected readonly statuses = STATUSES;
  protected readonly filter = signal<QueueFilter>({});
  protected readonly rows = signal<ComplaintRowFragment[]>([]);
  protected readonly total = signal(0);
  protected readonly endCursor = signal<string | null>(null);
  protected readonly hasMore = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Ticks every 30 s so the SLA countdown badges stay current without refetching. */
  protected readonly now = signal(Date.now());
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    void this.loadSeverities();
    void this.fetch(false);
  }

  private async loadSeverities(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument }));
      this.severities.set((result.data?.tenant.config['severities'] as Severity[] | undefined) ?? []);
    } catch {
      // Severity names are a nicety here; the codes still show.
    }
  }

  protected async fetch(append: boolean): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: ComplaintsDocument,
          variables: { filter: toComplaintFilter(this.filter()), first: PAGE_SIZE, after: append ? this.endCursor() : null },
          fetchPolicy: 'network-only',
        }),
      );
      const connection = result.data?.complaints;
      if (!connection) return;
      const nodes = connection.edges.map((edge) => edge.node);
      this.rows.update((rows) => (append ? [...rows, ...nodes] : nodes));
      this.total.set(connection.totalCount);
      this.endCursor.set(connection.pageInfo.endCursor ?? null);
      this.hasMore.set(connection.pageInfo.hasNextPage);
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    } finally {
      this.loading.set(false);
    }
  }

  protected setFilter(key: keyof QueueFilter, value: string): void {
    this.filter.update((filter) => {
      const next = { ...filter };
      if (value) (next as Record<string, string>)[key] = value;
      else delete next[key];
      return next;
    });
    clearTimeout(this.searchTimer);
    // Typing in the search box waits for a pause; selects apply at once.
    this.searchTimer = setTimeout(() => void this.fetch(false), key === 'text' ? 300 : 0);
  }

  protected clearFilters(): void {
    this.filter.set({});
    void this.fetch(false);
  }

  protected severityName(code: string): string {
    const severity = this.severities().find((s) => s.code === code);
    return severity ? this.i18n.pick(severity.name) : code;
  }

  protected due(row: ComplaintRowFragment): { tone: string; text: string } {
    const state = dueState(row.stageDueAt, this.now());
    if (state.tone === 'none') return { tone: 'none', text: '—' };
    const time = compactDuration(state.minutes);
    return { tone: state.tone, text: this.i18n.t(state.tone === 'overdue' ? 'complaints.overdue' : 'complaints.dueIn', { time }) };
  }
}
