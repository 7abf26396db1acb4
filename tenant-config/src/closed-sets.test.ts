import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEPENDENCIES = Object.keys(
  (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies,
);

/** The package's dependencies that loading `entry` pulls in. */
function dependenciesLoadedBy(entry: string): string[] {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const name of DEPENDENCIES) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual(name);
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the entry inside jest.isolateModules, after the mocks
    require(entry);
  });
  return loaded.sort();
}

describe('the closed-sets entry', () => {
  it('loads none of the package dependencies, so the admin UI bundles no zod, YAML or luxon through it', () => {
    expect(dependenciesLoadedBy('./closed-sets')).toEqual([]);
  });

  it('the package index does load them, so the check above can fail', () => {
    expect(dependenciesLoadedBy('./index')).toEqual(expect.arrayContaining(['luxon', 'yaml', 'zod']));
  });
});
