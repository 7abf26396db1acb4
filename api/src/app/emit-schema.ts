import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema } from './schema';

export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

async function main(): Promise<void> {
  writeFileSync(SCHEMA_FILE, await printApiSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) void main();
