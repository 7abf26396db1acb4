import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..', '..');
const SETTING = 'app.tenant_id';
/** The one module that writes the setting, and the migrations whose policies and functions read it. */
const ALLOWED = [join('api', 'src', 'platform', 'db', 'tenant-scope.ts'), join('api', 'src', 'migrations')];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(REPO, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(folder, file));
}

it(`no source file outside the tenant-scope module and the migrations names ${SETTING}`, () => {
  const files = [...sourceFiles(join('api', 'src')), ...sourceFiles(join('worker', 'src'))];
  const offenders = files.filter(
    (file) => !ALLOWED.some((allowed) => file === allowed || file.startsWith(allowed + '/')) && readFileSync(join(REPO, file), 'utf8').includes(SETTING),
  );
  expect(offenders).toEqual([]);
});

it('the scan reaches the module that owns the setting and the worker (the test above is not vacuous)', () => {
  const owner = readFileSync(join(REPO, ALLOWED[0]), 'utf8');
  expect(owner).toContain(SETTING);
  expect(sourceFiles(join('worker', 'src')).map((file) => relative('worker', file))).toContain(join('src', 'main.ts'));
});
