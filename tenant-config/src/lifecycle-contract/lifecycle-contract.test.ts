import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LIFECYCLE_ACTION_NAMES, LIFECYCLE_ACTIONS, PERMISSIONS } from './index';

const VALUE_IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;

/** The packages reached by value imports from `entry`, following this package's own files. */
function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(VALUE_IMPORT)) {
      if (!spec.startsWith('.')) packages.add(spec);
      else {
        const base = resolve(dirname(file), spec);
        visit([`${base}.ts`, join(base, 'index.ts')].find(existsSync)!);
      }
    }
  };
  visit(entry);
  return packages;
}

describe('the lifecycle contract', () => {
  it('loads no zod, YAML or template code, so the workflow sandbox stays cheap', () => {
    expect([...packagesReachedFrom(join(__dirname, 'index.ts'))].sort()).toEqual(['@temporalio/workflow', 'luxon']);
  });

  it('names each Workflow Update after its action, so the table is the one list of actions', () => {
    for (const action of LIFECYCLE_ACTION_NAMES) expect(LIFECYCLE_ACTIONS[action].update.name).toBe(action);
    expect(LIFECYCLE_ACTION_NAMES).toHaveLength(12);
  });

  it('asks for permissions from the catalogue only', () => {
    for (const action of LIFECYCLE_ACTION_NAMES) expect(PERMISSIONS).toContain(LIFECYCLE_ACTIONS[action].permission);
  });
});
