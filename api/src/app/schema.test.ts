import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema } from './schema';

it('api/schema.graphql is the schema the code generates (run `npm run schema:emit` after a change)', async () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  expect(committed).toBe(await printApiSchema());
});
