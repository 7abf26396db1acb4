import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Full text for English (stemmed) and Chinese (character bigrams, see kb_cjk_bigrams) with any-word
 * semantics, ranked; plus pg_trgm word similarity on the title so a misspelt word still finds its article.
 * Returns article ids with scores, best first.
 */
export async function searchArticleIds(
  em: EntityManager,
  tenantId: string,
  text: string,
  opts: { publishedOnly: boolean; locale?: string | null; categoryCodes?: string[] | null; limit: number },
): Promise<{ id: string; score: number }[]> {
  const params: unknown[] = [text, text, text, tenantId];
  let extra = opts.publishedOnly ? ` and a.status = 'PUBLISHED'` : ` and a.status <> 'ARCHIVED'`;
  if (opts.locale) {
    extra += ' and a.locale = ?';
    params.push(opts.locale);
  }
  // A linked category lifts an article; it never hides one.
  const categoryBoost = opts.categoryCodes?.length
    ? `+ case when a.category_codes && array(select jsonb_array_elements_text(?::jsonb)) then 0.2 else 0 end`
    : '';
  const rows = await em.execute<{ id: string; score: number }[]>(
    `with q as (
       select replace(plainto_tsquery('english', ?)::text, '&', '|')::tsquery || replace(plainto_tsquery('simple', kb_cjk_bigrams(?))::text, '&', '|')::tsquery as query,
              ?::text as raw
     )
     select a.id, (ts_rank_cd(a.search_doc, q.query, 1) + word_similarity(q.raw, a.title) * 0.5 ${categoryBoost})::float8 as score
       from kb_articles a, q
      where a.tenant_id = ? ${extra}
        and (a.search_doc @@ q.query or word_similarity(q.raw, a.title) > 0.4)
      order by score desc, a.updated_at desc
      limit ${Math.floor(opts.limit)}`,
    opts.categoryCodes?.length ? [...params.slice(0, 3), JSON.stringify(opts.categoryCodes), ...params.slice(3)] : params,
  );
  return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
}
