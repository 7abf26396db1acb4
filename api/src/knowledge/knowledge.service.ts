import { randomUUID } from 'node:crypto';
import { categorySubtreeCodes, flattenCategories, type TenantConfig } from '@complaints/tenant-config';
import { badInput, notFound } from '../platform/errors';
import { isUuid } from '../platform/ids';
import { searchArticleIds } from './article-search';
import { ArticleStatus, type ArticleHit, type ArticleInput, type ArticleType, type ArticleVersionType, type DeflectionType } from './knowledge.types';
import type { TenantScope } from '../platform/db/tenant-scope';

interface ArticleRow {
  id: string;
  title: string;
  body: string;
  locale: string;
  tags: string[];
  category_codes: string[];
  status: ArticleStatus;
  version: number;
  published_at: string | Date | null;
  helpful_yes: number;
  helpful_no: number;
  views: number;
  updated_at: string | Date;
}

const COLUMNS = 'id, title, body, locale, tags, category_codes, status, version, published_at, helpful_yes, helpful_no, views, updated_at';
const MAX_TITLE = 200;
const MAX_BODY = 100_000;
const MAX_QUERY = 2000;

const toArticle = (r: ArticleRow): ArticleType => ({
  id: r.id,
  title: r.title,
  body: r.body,
  locale: r.locale,
  tags: r.tags,
  categoryCodes: r.category_codes,
  status: r.status,
  version: r.version,
  publishedAt: r.published_at ? new Date(r.published_at) : null,
  helpfulYes: r.helpful_yes,
  helpfulNo: r.helpful_no,
  views: r.views,
  updatedAt: new Date(r.updated_at),
});

/** The knowledge base: versioned articles, search, suggestions for a complaint's text, feedback and deflection. */
export class KnowledgeService {
  async create(scope: TenantScope, editor: string | null, config: TenantConfig, input: ArticleInput): Promise<ArticleType> {
    const { em, tenantId } = scope;
    const clean = validate(input, config);
    const id = randomUUID();
    await em.execute(
      `insert into kb_articles (id, tenant_id, title, body, locale, tags, category_codes, status, version, created_by)
       values (?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), array(select jsonb_array_elements_text(?::jsonb)), 'DRAFT', 1, ?)`,
      [id, tenantId, clean.title, clean.body, clean.locale, JSON.stringify(clean.tags), JSON.stringify(clean.categoryCodes), editor],
    );
    await this.snapshot(scope, id, editor);
    return this.get(scope, id);
  }

  /** Every edit is a new version; the previous text stays readable in the history. */
  async update(scope: TenantScope, editor: string | null, config: TenantConfig, id: string, input: ArticleInput): Promise<ArticleType> {
    const { em, tenantId } = scope;
    await this.get(scope, id);
    const clean = validate(input, config);
    await em.execute(
      `update kb_articles set title = ?, body = ?, locale = ?, tags = array(select jsonb_array_elements_text(?::jsonb)),
              category_codes = array(select jsonb_array_elements_text(?::jsonb)), version = version + 1, updated_at = now()
        where tenant_id = ? and id = ?`,
      [clean.title, clean.body, clean.locale, JSON.stringify(clean.tags), JSON.stringify(clean.categoryCodes), tenantId, id],
    );
    await this.snapshot(scope, id, editor);
    return this.get(scope, id);
  }

  async setStatus(scope: TenantScope, editor: string | null, id: string, status: ArticleStatus): Promise<ArticleType> {
    const { em, tenantId } = scope;
    await this.get(scope, id);
    await em.execute(
      `update kb_articles set status = ?, version = version + 1, updated_at = now(),
              published_at = case when ? = 'PUBLISHED' then coalesce(published_at, now()) else published_at end
        where tenant_id = ? and id = ?`,
      [status, status, tenantId, id],
    );
    await this.snapshot(scope, id, editor);
    return this.get(scope, id);
  }

  async get(scope: TenantScope, id: string): Promise<ArticleType> {
    const { em, tenantId } = scope;
    const [row] = isUuid(id) ? await em.execute<ArticleRow[]>(`select ${COLUMNS} from kb_articles where tenant_id = ? and id = ?`, [tenantId, id]) : [];
    if (!row) throw notFound('Article');
    return toArticle(row);
  }

  async list(scope: TenantScope, status: ArticleStatus | null, first: number): Promise<ArticleType[]> {
    const { em, tenantId } = scope;
    const rows = await em.execute<ArticleRow[]>(
      `select ${COLUMNS} from kb_articles where tenant_id = ? and (?::text is null or status = ?) order by updated_at desc limit ${Math.floor(first)}`,
      [tenantId, status, status],
    );
    return rows.map(toArticle);
  }

  async versions(scope: TenantScope, id: string): Promise<ArticleVersionType[]> {
    const { em, tenantId } = scope;
    const rows = await em.execute<{ version: number; title: string; body: string; status: ArticleStatus; edited_by: string | null; created_at: string }[]>(
      'select version, title, body, status, edited_by, created_at from kb_article_versions where tenant_id = ? and article_id = ? order by version desc',
      [tenantId, id],
    );
    return rows.map((r) => ({ version: r.version, title: r.title, body: r.body, status: r.status, editedBy: r.edited_by, createdAt: new Date(r.created_at) }));
  }

  /** Staff search: drafts included (archived ones not). */
  search(scope: TenantScope, text: string, locale: string | null, first: number): Promise<ArticleHit[]> {
    return this.hits(scope, text, { publishedOnly: false, locale, limit: first });
  }

  /** For intake and the portal: published articles for a complaint's text, lifted when they answer its category (or a parent). */
  suggest(scope: TenantScope, config: TenantConfig, text: string, categoryCode: string | null, limit: number): Promise<ArticleHit[]> {
    const lineage = categoryCode
      ? flattenCategories(config.categories)
          .filter((c) => categorySubtreeCodes(config.categories, c.code).includes(categoryCode))
          .map((c) => c.code)
      : null;
    return this.hits(scope, text, { publishedOnly: true, categoryCodes: lineage, limit });
  }

  async recordView(scope: TenantScope, id: string, visitorKey: string): Promise<boolean> {
    const { em, tenantId } = scope;
    await this.get(scope, id);
    await em.execute('insert into kb_article_views (tenant_id, article_id, visitor_key) values (?, ?, ?)', [tenantId, id, checkVisitor(visitorKey)]);
    await em.execute('update kb_articles set views = views + 1 where tenant_id = ? and id = ?', [tenantId, id]);
    return true;
  }

  async rate(scope: TenantScope, id: string, helpful: boolean, visitorKey: string | null, comment: string | null): Promise<ArticleType> {
    const { em, tenantId } = scope;
    await this.get(scope, id);
    await em.execute('insert into kb_feedback (tenant_id, article_id, helpful, visitor_key, comment) values (?, ?, ?, ?, ?)', [
      tenantId,
      id,
      helpful,
      visitorKey ? checkVisitor(visitorKey) : null,
      comment?.slice(0, 2000) ?? null,
    ]);
    await em.execute(`update kb_articles set ${helpful ? 'helpful_yes = helpful_yes + 1' : 'helpful_no = helpful_no + 1'} where tenant_id = ? and id = ?`, [
      tenantId,
      id,
    ]);
    return this.get(scope, id);
  }

  /** The portal reports that a visitor went on to file a complaint (the other half of deflection). */
  async recordSubmission(scope: TenantScope, visitorKey: string, complaintId: string | null): Promise<boolean> {
    const { em, tenantId } = scope;
    if (complaintId && !isUuid(complaintId)) throw badInput([{ path: 'complaintId', message: 'complaintId is not an id' }]);
    // The foreign key alone would accept another tenant's complaint (constraints look past row-level security).
    if (complaintId && !(await em.execute('select 1 from complaints where id = ? and tenant_id = ?', [complaintId, tenantId])).length)
      throw notFound('Complaint');
    await em.execute('insert into kb_visitor_submissions (tenant_id, visitor_key, complaint_id) values (?, ?, ?)', [
      tenantId,
      checkVisitor(visitorKey),
      complaintId,
    ]);
    return true;
  }

  /** Visitors who read an article in [from, to) and did not file a complaint after their first read (in the period). */
  async deflection(scope: TenantScope, from: Date, to: Date): Promise<DeflectionType> {
    const { em, tenantId } = scope;
    const [row] = await em.execute<{ readers: string; submitted: string }[]>(
      `with readers as (
         select visitor_key, min(created_at) as first_read from kb_article_views
          where tenant_id = ? and created_at >= ? and created_at < ? group by visitor_key
       )
       select count(*) as readers,
              count(*) filter (where exists (select 1 from kb_visitor_submissions s where s.tenant_id = ? and s.visitor_key = r.visitor_key
                                                and s.created_at >= r.first_read and s.created_at < ?)) as submitted
         from readers r`,
      [tenantId, from, to, tenantId, to],
    );
    const readers = Number(row?.readers ?? 0);
    const submitted = Number(row?.submitted ?? 0);
    return { readers, readersWhoSubmitted: submitted, deflected: readers - submitted, deflectionRate: readers ? (readers - submitted) / readers : null };
  }

  private async hits(scope: TenantScope, text: string, opts: Parameters<typeof searchArticleIds>[3]): Promise<ArticleHit[]> {
    const { em, tenantId } = scope;
    const query = text.trim().slice(0, MAX_QUERY);
    if (!query) return [];
    const ids = await searchArticleIds(em, tenantId, query, opts);
    if (!ids.length) return [];
    const rows = await em.execute<ArticleRow[]>(
      `select ${COLUMNS} from kb_articles where tenant_id = ? and id = any(array(select jsonb_array_elements_text(?::jsonb))::uuid[])`,
      [tenantId, JSON.stringify(ids.map((i) => i.id))],
    );
    const byId = new Map(rows.map((r) => [r.id, toArticle(r)]));
    return ids.filter((i) => byId.has(i.id)).map((i) => ({ article: byId.get(i.id)!, score: i.score }));
  }

  private snapshot(scope: TenantScope, id: string, editor: string | null) {
    const { em, tenantId } = scope;
    return em.execute(
      `insert into kb_article_versions (tenant_id, article_id, version, title, body, locale, tags, category_codes, status, edited_by)
       select tenant_id, id, version, title, body, locale, tags, category_codes, status, ? from kb_articles where tenant_id = ? and id = ?`,
      [editor, tenantId, id],
    );
  }
}

function validate(input: ArticleInput, config: TenantConfig): ArticleInput {
  const errors: { path: string; message: string }[] = [];
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) errors.push({ path: 'input.title', message: `A title is 1–${MAX_TITLE} characters` });
  if (input.body.length > MAX_BODY) errors.push({ path: 'input.body', message: `The body is at most ${MAX_BODY} characters` });
  if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(input.locale)) errors.push({ path: 'input.locale', message: 'Use a locale such as zh-CN or en' });
  const known = new Set(flattenCategories(config.categories).map((c) => c.code));
  const unknown = input.categoryCodes.filter((c) => !known.has(c));
  if (unknown.length) errors.push({ path: 'input.categoryCodes', message: `Unknown categories: ${unknown.join(', ')}` });
  if (input.tags.length > 30 || input.tags.some((t) => !t.trim() || t.length > 50))
    errors.push({ path: 'input.tags', message: 'At most 30 tags of 1–50 characters' });
  if (errors.length) throw badInput(errors);
  return { ...input, title, tags: [...new Set(input.tags.map((t) => t.trim()))] };
}

function checkVisitor(visitorKey: string): string {
  if (!/^[\w.:-]{8,128}$/.test(visitorKey)) throw badInput([{ path: 'visitorKey', message: 'A visitor key is 8–128 letters, digits or . _ : -' }]);
  return visitorKey;
}
