import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecurringText } from './analytics.types';
import type { RollupScope } from './rollup-query';

/** Subjects at least this similar (pg_trgm) are one issue. */
const SAME_ISSUE = 0.45;
/** Only the most frequent normalised subjects are clustered: the long tail cannot make the top list. */
const CANDIDATES = 300;

/**
 * Top recurring issues by text: the subject rollup summed over the period (category filter applies; the
 * subject rollup is kept per category only), then the frequent subjects grouped greedily by trigram similarity.
 */
export async function recurringByText(em: EntityManager, scope: RollupScope, categoryCodes: string[] | null, limit: number): Promise<RecurringText[]> {
  const params: unknown[] = [scope.params[0], scope.from, scope.to];
  let categoryWhere = '';
  if (categoryCodes) {
    categoryWhere = 'and category_code = any(array(select jsonb_array_elements_text(?::jsonb)))';
    params.push(JSON.stringify(categoryCodes));
  }
  const top = await em.execute<{ subject_key: string; n: string }[]>(
    `select subject_key, sum(complaints) as n from analytics_subject_daily
      where tenant_id = ? and day >= ?::date and day <= ?::date ${categoryWhere}
      group by subject_key order by n desc, subject_key limit ${CANDIDATES}`,
    params,
  );
  if (!top.length) return [];
  const pairs = await em.execute<{ a: string; b: string }[]>(
    `with t as (select k from jsonb_array_elements_text(?::jsonb) k)
     select x.k as a, y.k as b from t x join t y on x.k < y.k where similarity(x.k, y.k) >= ${SAME_ISSUE}`,
    [JSON.stringify(top.map((t) => t.subject_key))],
  );
  const similar = new Map<string, Set<string>>();
  for (const { a, b } of pairs) {
    (similar.get(a) ?? similar.set(a, new Set()).get(a)!).add(b);
    (similar.get(b) ?? similar.set(b, new Set()).get(b)!).add(a);
  }
  const clusters: RecurringText[] = [];
  const taken = new Set<string>();
  for (const { subject_key } of top) {
    if (taken.has(subject_key)) continue;
    const members = [subject_key, ...[...(similar.get(subject_key) ?? [])].filter((k) => !taken.has(k))];
    for (const m of members) taken.add(m);
    const volume = members.reduce((sum, m) => sum + Number(top.find((t) => t.subject_key === m)!.n), 0);
    clusters.push({ subject: subject_key, volume, variants: members.slice(1, 6) });
  }
  return clusters.sort((a, b) => b.volume - a.volume).slice(0, limit);
}
