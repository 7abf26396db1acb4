import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, HostListener, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Apollo } from 'apollo-angular';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { extractFieldErrors } from '../../core/graphql/graphql-errors';
import { I18nService } from '../../core/i18n/i18n.service';
import { LocalizedPipe, TranslatePipe } from '../../core/i18n/translate.pipe';
import { followFeed } from '../../core/live/live-feed';
import { StaffLiveService } from '../../core/live/staff-live.service';
import {
  type ComplaintFilter,
  type ComplaintRowFragment,
  type ComplaintStatus,
  ComplaintsDocument,
  type LiveUpdateFragment,
  QueueFeedDocument,
  type QueueFeedFilter,
  ReassignComplaintDocument,
  TenantConfigDocument,
} from '../../graphql/generated';
import type { Severity } from '@complaints/tenant-config';
import { CHANNELS, DEFAULT_STAGE_ORDER } from '@complaints/tenant-config/closed-sets';
import { compactDuration, dueState } from './due-badge';
import { patchRow } from './live-queue';
import { type QueueFilter, type SavedView, SavedViewStore, sameFilter } from './saved-views';

export type { QueueFilter } from './saved-views';

const PAGE_SIZE = 25;
const STATUSES: ComplaintStatus[] = ['OPEN', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'];
/** How long a row that just changed stays highlighted. */
const FRESH_MS = 8000;

export interface Identity {
  userId?: string | null;
  teams?: readonly string[];
}

export function toComplaintFilter(filter: QueueFilter, me: Identity = {}): ComplaintFilter {
  return {
    ...(filter.text ? { text: filter.text } : {}),
    ...(filter.stage ? { stages: [filter.stage] } : {}),
    ...(filter.severity ? { severities: [filter.severity] } : {}),
    ...(filter.channel ? { channels: [filter.channel] } : {}),
    ...(filter.status ? { statuses: [filter.status] } : {}),
    ...(filter.scope === 'mine' && me.userId ? { assigneeId: me.userId } : {}),
    // The list filter takes one team; the first of mine. The live feed below takes them all.
    ...(filter.scope === 'team' && me.teams?.length ? { teamCode: me.teams[0] } : {}),
  };
}

/** The live feed narrows by what it can: the rest is checked when the new rows are fetched. */
export function toFeedFilter(filter: QueueFilter, me: Identity = {}): QueueFeedFilter {
  return {
    ...(filter.stage ? { stages: [filter.stage] } : {}),
    ...(filter.severity ? { severities: [filter.severity] } : {}),
    ...(filter.scope === 'mine' && me.userId ? { assigneeId: me.userId } : {}),
    ...(filter.scope === 'team' && me.teams?.length ? { teamCodes: [...me.teams] } : {}),
  };
}

@Component({
  selector: 'app-complaint-queue',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule, MatTooltipModule, TranslatePipe, LocalizedPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './complaint-queue.component.html',
  styleUrl: './complaints.scss',
})
export class ComplaintQueueComponent {
  private readonly apollo = inject(Apollo);
  private readonly auth = inject(AuthService);
  protected readonly canCreate = computed(() => this.auth.hasPermission('complaint.create'));
  protected readonly live = inject(StaffLiveService);
  protected readonly i18n = inject(I18nService);

  protected readonly stages = DEFAULT_STAGE_ORDER;
  protected readonly channels = CHANNELS;
  protected readonly severities = signal<Severity[]>([]);
  private readonly teams = signal<{ code: string; name: Record<'zh-CN' | 'en', string> }[]>([]);
  protected readonly statuses = STATUSES;
  protected readonly filter = signal<QueueFilter>({});
  protected readonly rows = signal<ComplaintRowFragment[]>([]);
  protected readonly total = signal(0);
  protected readonly endCursor = signal<string | null>(null);
  protected readonly hasMore = signal(false);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly liveError = signal<string | null>(null);
  /** Ids of rows that changed live a moment ago, highlighted until FRESH_MS passes. */
  protected readonly fresh = signal<ReadonlySet<string>>(new Set());
  protected readonly announcement = signal('');
  /** Ticks every 30 s so the SLA countdown badges stay current without refetching. */
  protected readonly now = signal(Date.now());

  private readonly viewStore = new SavedViewStore(`complaints.views.${this.auth.session()?.tenantSlug ?? ''}.${this.auth.session()?.user.id ?? ''}`);
  protected readonly views = signal<SavedView[]>(this.viewStore.list());
  protected readonly activeView = computed(() => this.views().find((v) => sameFilter(v.filter, this.filter()))?.name ?? null);
  protected readonly naming = signal(false);
  /** The queue's order: newest first unless a column header says otherwise. */
  protected readonly sort = signal<{ field: 'CREATED_AT' | 'PRIORITY'; direction: 'ASC' | 'DESC' }>({ field: 'CREATED_AT', direction: 'DESC' });
  /** The row the keyboard is on (j/k move, Enter opens, a assigns it to me); -1 before the first key. */
  protected readonly cursor = signal(-1);
  private readonly router = inject(Router);

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private refetchTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | null = null;

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      clearTimeout(this.searchTimer);
      clearTimeout(this.refetchTimer);
      this.unsubscribe?.();
    });
    void this.loadSeverities();
    void this.start();
  }

  private identity(): Identity {
    const me = this.auth.me();
    return { userId: me?.user?.id ?? this.auth.session()?.user.id, teams: me?.user?.teams ?? [] };
  }

  private async start(): Promise<void> {
    // "My team" needs my teams: load who I am before the first fetch when the page opens cold.
    await this.auth.ensureMe();
    await this.fetch(false);
    this.follow();
  }

  private async loadSeverities(): Promise<void> {
    try {
      const result = await firstValueFrom(this.apollo.query({ query: TenantConfigDocument }));
      this.severities.set((result.data?.tenant.config['severities'] as Severity[] | undefined) ?? []);
      this.teams.set((result.data?.tenant.config['teams'] as { code: string; name: Record<'zh-CN' | 'en', string> }[] | undefined) ?? []);
    } catch {
      // Severity names are a nicety here; the codes still show.
    }
  }

  protected async fetch(append: boolean, first = PAGE_SIZE): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const result = await firstValueFrom(
        this.apollo.query({
          query: ComplaintsDocument,
          variables: {
            filter: toComplaintFilter(this.filter(), this.identity()),
            first,
            after: append ? this.endCursor() : null,
            orderBy: this.sort(),
          },
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

  protected sortBy(field: 'CREATED_AT' | 'PRIORITY'): void {
    this.sort.update((current) => ({ field, direction: current.field === field && current.direction === 'DESC' ? 'ASC' : 'DESC' }));
    this.cursor.set(-1);
    void this.fetch(false);
  }

  protected ariaSort(field: 'CREATED_AT' | 'PRIORITY'): string | null {
    const { field: current, direction } = this.sort();
    return current === field ? (direction === 'ASC' ? 'ascending' : 'descending') : null;
  }

  /** Agent shortcuts, as in Zendesk and Gmail; ignored while typing in a field or with a modifier held. */
  @HostListener('document:keydown', ['$event'])
  protected onShortcut(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    const rows = this.rows();
    if (!rows.length) return;
    if (event.key === 'j' || event.key === 'k') {
      const next = event.key === 'j' ? Math.min(rows.length - 1, this.cursor() + 1) : Math.max(0, this.cursor() - 1);
      this.cursor.set(next);
      document.querySelector(`tr[data-number="${rows[next].number}"]`)?.scrollIntoView({ block: 'nearest' });
      event.preventDefault();
      return;
    }
    const row = rows[this.cursor()];
    if (!row) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      void this.router.navigate(['/complaints', row.id]);
    } else if (event.key === 'a' && this.canAssign()) {
      event.preventDefault();
      void this.assignToMe(row);
    }
  }

  protected readonly canAssign = computed(() => this.auth.hasPermission('complaint.assign') && !!this.auth.me()?.user);

  private async assignToMe(row: ComplaintRowFragment): Promise<void> {
    const me = this.auth.me()?.user;
    if (!me || row.assignee?.id === me.id) return;
    try {
      await firstValueFrom(
        this.apollo.mutate({ mutation: ReassignComplaintDocument, variables: { id: row.id, assigneeId: me.id, teamCode: null, note: null } }),
      );
      this.rows.update((rows) => rows.map((r) => (r.id === row.id ? { ...r, assignee: { id: me.id, displayName: me.displayName } } : r)));
      this.announcement.set(this.i18n.t('complaints.assignedToMe', { number: row.number }));
    } catch (error) {
      this.error.set(extractFieldErrors(error).message);
    }
  }

  /** (Re)subscribes the live feed for the current filter, from now on. */
  private follow(): void {
    this.unsubscribe?.();
    this.liveError.set(null);
    this.unsubscribe = followFeed<LiveUpdateFragment>(
      this.live.client,
      QueueFeedDocument,
      { filter: toFeedFilter(this.filter(), this.identity()) },
      (update) => this.onLive(update),
      (message) => this.liveError.set(message),
    );
  }

  private onLive(update: LiveUpdateFragment): void {
    const id = update.complaint.id;
    const known = this.rows().some((row) => row.id === id);
    if (known) {
      this.rows.update((rows) => rows.map((row) => (row.id === id ? patchRow(row, update) : row)));
    } else {
      // A complaint new to this list: fetch the first page again so order and filters stay the server's.
      clearTimeout(this.refetchTimer);
      this.refetchTimer = setTimeout(() => void this.fetch(false, Math.max(PAGE_SIZE, this.rows().length)), 150);
      if (update.event.kind === 'complaint.created') {
        this.announcement.set(this.i18n.t('complaints.liveNew', { number: update.complaint.number }));
      }
    }
    if (known && update.event.kind === 'stage.entered') {
      this.announcement.set(this.i18n.t('complaints.liveStage', { number: update.complaint.number, stage: this.i18n.t('stage.' + update.complaint.stage) }));
    }
    this.fresh.update((set) => new Set([...set, id]));
    setTimeout(() => this.fresh.update((set) => new Set([...set].filter((x) => x !== id))), FRESH_MS);
  }

  protected setFilter(key: keyof QueueFilter, value: string): void {
    this.filter.update((filter) => {
      const next = { ...filter };
      if (value) (next as Record<string, string>)[key] = value;
      else delete next[key];
      return next;
    });
    this.applyFilter(key === 'text' ? 300 : 0);
  }

  private applyFilter(delay: number): void {
    clearTimeout(this.searchTimer);
    // Typing in the search box waits for a pause; selects apply at once.
    this.searchTimer = setTimeout(() => {
      void this.fetch(false);
      this.follow();
    }, delay);
  }

  protected clearFilters(): void {
    this.filter.set({});
    this.applyFilter(0);
  }

  protected applyView(view: SavedView): void {
    this.filter.set({ ...view.filter });
    this.applyFilter(0);
  }

  protected saveView(name: string): boolean {
    const clean = name.trim();
    if (!clean) return false;
    this.views.set(this.viewStore.save({ name: clean, filter: this.filter() }));
    this.naming.set(false);
    return true;
  }

  protected removeView(name: string): void {
    this.views.set(this.viewStore.remove(name));
  }

  protected severityName(code: string): string {
    const severity = this.severities().find((s) => s.code === code);
    return severity ? this.i18n.pick(severity.name) : code;
  }

  protected teamName(code: string): string {
    const team = this.teams().find((t) => t.code === code);
    return team ? this.i18n.pick(team.name) : code;
  }

  protected due(row: ComplaintRowFragment): { tone: string; text: string } {
    const state = dueState(row.stageDueAt, this.now());
    if (state.tone === 'none' || row.status === 'CLOSED' || row.status === 'RESOLVED') return { tone: 'none', text: '—' };
    if (row.status === 'WAITING_ON_CUSTOMER') return { tone: 'paused', text: this.i18n.t('complaints.paused') };
    const time = compactDuration(state.minutes, this.i18n.durationUnits());
    return { tone: state.tone, text: this.i18n.t(state.tone === 'overdue' ? 'complaints.overdue' : 'complaints.dueIn', { time }) };
  }
}
