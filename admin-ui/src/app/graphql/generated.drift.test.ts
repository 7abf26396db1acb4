/**
 * @jest-environment node
 */
import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import config, { GENERATED_FILE } from '../../../codegen';

const adminUiRoot = join(__dirname, '..', '..', '..');

/**
 * The committed types must be exactly what codegen makes from today's API schema and the UI's
 * operations. A schema change that breaks an operation fails here (codegen validates the documents),
 * and one that changes a type fails the comparison: run `npm run codegen -w admin-ui` and commit.
 */
describe('generated GraphQL types', () => {
  it('match api/schema.graphql and the operations in src/**/*.graphql', async () => {
    const outputs = await generate({ ...config, cwd: adminUiRoot, silent: true, errorsOnly: true }, false);
    const generated = outputs.find((output) => output.filename.endsWith(GENERATED_FILE));
    expect(generated).toBeDefined();
    const committed = readFileSync(join(adminUiRoot, GENERATED_FILE), 'utf8');
    expect(committed === generated!.content).toBe(true);
  }, 60_000);
});
