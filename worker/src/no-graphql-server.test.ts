import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** The modules a fresh Node process holds after requiring `entry` (a compiled file: `npm run build` first). */
function modulesLoadedBy(entry: string): string[] {
  const script = `require('reflect-metadata'); require(${JSON.stringify(entry)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' })) as string[];
}

const fromPackage = (modules: string[], name: string) => modules.filter((path) => path.includes(`/node_modules/${name}/`));

describe("the worker's runtime", () => {
  it.each([
    ['the worker', join(__dirname, '../dist/index.js')],
    ["@complaints/api's public entry", '@complaints/api'],
  ])('%s loads no Apollo Server and no WebSocket server', (_name, entry) => {
    const modules = modulesLoadedBy(entry);
    expect(modules.length).toBeGreaterThan(10);
    expect(fromPackage(modules, '@apollo/server')).toEqual([]);
    expect(fromPackage(modules, 'graphql-ws')).toEqual([]);
  });

  it('the API server entry does load Apollo, so the check above can fail', () => {
    expect(fromPackage(modulesLoadedBy('@complaints/api/server'), '@apollo/server').length).toBeGreaterThan(0);
  });
});
