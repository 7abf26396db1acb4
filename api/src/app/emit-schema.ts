import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printApiSchema } from './schema';
import { createLogger } from '../platform/observability/logger';

export const SCHEMA_FILE = join(__dirname, '..', '..', 'schema.graphql');

async function main(): Promise<void> {
  writeFileSync(SCHEMA_FILE, await printApiSchema());
  createLogger('emit-schema', { level: 'info', pretty: process.stdout.isTTY === true }).info(`wrote ${SCHEMA_FILE}`);
}

if (require.main === module) void main();
