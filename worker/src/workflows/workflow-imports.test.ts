import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The lint rule samples-typescript uses (`no-restricted-imports` in workflow files), as a test: workflow code
 * runs in a deterministic sandbox, so it may not reach Node built-ins, the ORM, or the api's runtime (which
 * opens databases). Type-only imports are erased at compile time and are fine.
 */
const WORKFLOWS = __dirname;
/**
 * The workflow contract and the pure lifecycle functions, without schemas (its own test keeps it that way);
 * the package index is for type imports only.
 */
const LIFECYCLE_CONTRACT = '@complaints/tenant-config/lifecycle-contract';
const ALLOWED_PACKAGES = ['@temporalio/workflow', LIFECYCLE_CONTRACT];
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g;
const REQUIRE = /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;

interface ImportRef {
  file: string;
  spec: string;
  typeOnly: boolean;
}

function importsOf(file: string, source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const m of source.matchAll(IMPORT)) refs.push({ file, spec: m[3], typeOnly: Boolean(m[2]) });
  for (const m of source.matchAll(REQUIRE)) refs.push({ file, spec: m[1], typeOnly: false });
  return refs;
}

const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

function forbidden(ref: ImportRef): string | null {
  if (ref.typeOnly) return null;
  if (isBuiltin(ref.spec)) return 'a Node built-in';
  if (ref.spec.startsWith('./')) return null;
  if (ref.spec.startsWith('.')) return 'code outside worker/src/workflows (activities, entry points)';
  if (ALLOWED_PACKAGES.includes(ref.spec)) return null;
  return 'a package that is not known to be deterministic';
}

describe('workflow code stays deterministic', () => {
  const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(files)('%s imports no Node built-in, ORM, activity or api runtime module', (file) => {
    const problems = importsOf(file, readFileSync(join(WORKFLOWS, file), 'utf8'))
      .map((ref) => ({ ref, why: forbidden(ref) }))
      .filter((p) => p.why)
      .map((p) => `${p.ref.file} imports '${p.ref.spec}': ${p.why}`);
    expect(problems).toEqual([]);
  });

  it('the guard itself catches a forbidden import', () => {
    const refs = importsOf('x.ts', "import { readFile } from 'node:fs';\nimport { MikroORM } from '@mikro-orm/core';\nimport type { A } from '../activities';\nimport { b } from '../activities';");
    expect(refs.map(forbidden)).toEqual(['a Node built-in', 'a package that is not known to be deterministic', null, 'code outside worker/src/workflows (activities, entry points)']);
  });
});
