import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { Client } from 'pg';
import { TEMPORAL_CLI, TEMPORAL_CLI_VERSION } from '../../api/src/dev/embedded/temporal-cli';
import { TEMPORAL_TEST_SERVER } from '../setup/temporal-test-server';

describe('the stack the test setup starts', () => {
  it('serves a real PostgreSQL at DATABASE_URL', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('SELECT version()');
      expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await client.end();
    }
  });

  it('has run the api migrations', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ tables: string }>("SELECT count(*) AS tables FROM information_schema.tables WHERE table_schema = 'public'");
      expect(Number(rows[0].tables)).toBeGreaterThan(0);
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

  it('started the Temporal CLI version the project pins and installs', () => {
    const cli = process.env[TEMPORAL_CLI.envVariable];
    expect(cli).toBeDefined();
    expect(execFileSync(cli!, ['--version'], { encoding: 'utf8' })).toContain(`temporal version ${TEMPORAL_CLI_VERSION} (`);
  });

  it('documents in the README the versions the project installs', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const tool of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) expect(readme).toContain(`${tool.wheel}==${tool.version}`);
  });
});
