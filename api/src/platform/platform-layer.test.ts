import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** Every relative import of every file under platform/, resolved to a path under api/src. */
function platformImports(): { file: string; target: string }[] {
  const src = resolve(__dirname, '..');
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((file) => {
    const path = join(__dirname, file);
    const text = readFileSync(path, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import|require\()\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
    return specifiers.map((spec) => ({ file: relative(src, path), target: relative(src, resolve(dirname(path), spec)) }));
  });
}

it('no file under platform/ imports a domain module or the composition root (app/)', () => {
  const upward = platformImports().filter(({ target }) => target.split(sep)[0] !== 'platform');
  expect(upward).toEqual([]);
});

it('the scan sees the imports inside platform/ (the test above is not vacuous)', () => {
  expect(platformImports()).toContainEqual({ file: join('platform', 'graphql', 'build-schema.ts'), target: join('platform', 'auth', 'auth-checker') });
});
