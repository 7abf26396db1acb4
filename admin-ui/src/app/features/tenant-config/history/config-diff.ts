export interface ConfigChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** Leaf values by dotted path (`sla.investigation.major`); arrays are indexed like objects. */
export function flattenConfig(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, child] of entries) flattenConfig(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** What changed from `before` to `after`, leaf by leaf, sorted by path. */
export function diffConfigs(before: unknown, after: unknown): ConfigChange[] {
  const a = flattenConfig(before);
  const b = flattenConfig(after);
  const changes: ConfigChange[] = [];
  for (const [path, value] of a) {
    if (!b.has(path)) changes.push({ path, kind: 'removed', before: value });
    else if (b.get(path) !== value) changes.push({ path, kind: 'changed', before: value, after: b.get(path) });
  }
  for (const [path, value] of b) if (!a.has(path)) changes.push({ path, kind: 'added', after: value });
  return changes.sort((x, y) => x.path.localeCompare(y.path, 'en', { numeric: true }));
}
