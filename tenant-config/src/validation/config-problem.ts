/** One thing wrong with a configuration, located by its path and explained for a tenant admin. */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Reports every item whose key repeats an earlier one, pointing at the later item: the first definition
 * is taken as the intended one, so the message names where the original lives.
 */
export function duplicateProblems<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  pathOf: (index: number) => (string | number)[],
  describe: (key: string, firstIndex: number) => string,
): ConfigProblem[] {
  const firstIndexByKey = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const firstIndex = firstIndexByKey.get(key);
    if (firstIndex === undefined) firstIndexByKey.set(key, index);
    else problems.push({ path: pathOf(index), message: describe(key, firstIndex) });
  });
  return problems;
}

export function quoteList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** Renders a path the way admins read it in the YAML: `sla.investigation.major`, `categories[0].children[1].code`. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      const name = String(segment);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
