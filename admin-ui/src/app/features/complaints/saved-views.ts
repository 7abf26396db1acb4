import type { Channel, ComplaintStage, ComplaintStatus } from '../../graphql/generated';

/** One value per filter in this UI; the API takes lists, so a saved view could hold several later. */
export interface QueueFilter {
  text?: string;
  stage?: ComplaintStage;
  severity?: string;
  channel?: Channel;
  status?: ComplaintStatus;
  /** `mine`: assigned to me; `team`: my teams; absent: everything I may read. */
  scope?: 'mine' | 'team';
}

export interface SavedView {
  name: string;
  filter: QueueFilter;
}

/** Saved views live in the browser, per tenant and user: they are a personal convenience. */
export class SavedViewStore {
  constructor(
    private readonly key: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
  ) {}

  list(): SavedView[] {
    try {
      const parsed = JSON.parse(this.storage?.getItem(this.key) ?? '[]') as unknown;
      return Array.isArray(parsed) ? parsed.filter(isView) : [];
    } catch {
      return [];
    }
  }

  /** Saving under an existing name replaces that view. */
  save(view: SavedView): SavedView[] {
    const views = [...this.list().filter((v) => v.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
    this.write(views);
    return views;
  }

  remove(name: string): SavedView[] {
    const views = this.list().filter((v) => v.name !== name);
    this.write(views);
    return views;
  }

  private write(views: SavedView[]): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(views));
    } catch {
      // Storage full or disabled: the view lasts for this page only.
    }
  }
}

export function sameFilter(a: QueueFilter, b: QueueFilter): boolean {
  const norm = (f: QueueFilter) =>
    JSON.stringify(
      Object.entries(f)
        .filter(([, v]) => v !== undefined && v !== '')
        .sort(),
    );
  return norm(a) === norm(b);
}

function isView(value: unknown): value is SavedView {
  return typeof value === 'object' && value !== null && typeof (value as SavedView).name === 'string' && typeof (value as SavedView).filter === 'object';
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
