import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The modules a fresh Node process holds after requiring `entry` (a compiled file: `npm run build` first). */
function modulesLoadedBy(entry: string): string[] {
  const script = `require('reflect-metadata'); require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' })) as string[];
}

const fromPackage = (modules: string[], name: string) => modules.filter((path) => path.includes(`/node_modules/${name}/`));

const GRAPHQL_PACKAGES = ['@apollo/server', 'graphql-ws', 'type-graphql', 'graphql-scalars', 'graphql'];

describe("the worker's runtime", () => {
  it.each([
    ['the worker', join(__dirname, '../dist/index.js')],
    ["@complaints/api's public entry", '@complaints/api'],
  ])('%s loads no GraphQL: no Apollo Server, no WebSocket server, no type-graphql, not graphql itself', (_name, entry) => {
    const modules = modulesLoadedBy(entry);
    expect(modules.length).toBeGreaterThan(10);
    for (const name of GRAPHQL_PACKAGES) expect({ [name]: fromPackage(modules, name) }).toEqual({ [name]: [] });
  });

  it('the API server entry does load them all, so the check above can fail', () => {
    const modules = modulesLoadedBy('@complaints/api/server');
    for (const name of GRAPHQL_PACKAGES) expect({ [name]: fromPackage(modules, name).length > 0 }).toEqual({ [name]: true });
  });
});
