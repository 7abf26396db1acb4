import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Workflow files are kept deterministic by rules in eslint.config.mjs (`npm test` lints the codebase). This
 * proves those rules, as configured for worker/src/workflows, catch what they must and let the workflow
 * contract through. The runner is a plain Node process: jest's module sandbox cannot load the ESM config.
 */
const RUNNER = join(__dirname, '../testing/workflow-lint-runner.mjs');

const FORBIDDEN = [
  "import { readFile } from 'node:fs';",
  "import { createHash } from 'crypto';",
  "import { MikroORM } from '@mikro-orm/core';",
  "import { Client } from '@temporalio/client';",
  "import { createLifecycleActivities } from '../activities/lifecycle.activities';",
  "import { defaultTenantConfig } from '@complaints/tenant-config';",
  'export const roll = Math.random();',
  'setTimeout(() => undefined, 10);',
  'export const env = process.env.HOME;',
  'export const id = crypto.randomUUID();',
  'export const used = [readFile, createHash, MikroORM, Client, createLifecycleActivities, defaultTenantConfig];',
].join('\n');

const ALLOWED = [
  "import { condition, setHandler, sleep } from '@temporalio/workflow';",
  "import { lifecycleUpdate, type Projection } from '@complaints/tenant-config/lifecycle-contract';",
  "import type { TenantConfig } from '@complaints/tenant-config';",
  "import type { LifecycleActivities } from '../activities/lifecycle.activities';",
  "import type { EntityManager } from '@mikro-orm/postgresql';",
  "import { viewOf } from './lifecycle-view';",
  'export const now = (): number => Date.now();',
  'export type Used = [Projection, TenantConfig, LifecycleActivities, EntityManager];',
  'export const used = [condition, setHandler, sleep, lifecycleUpdate, viewOf];',
].join('\n');

const OUTSIDE = "import { readFile } from 'node:fs';\nexport const used = [readFile, Math.random()];";

interface Finding {
  line: number;
  ruleId: string;
  message: string;
}

let texts: Finding[][];
let files: { file: string; messages: Finding[] }[];

beforeAll(() => {
  const request = {
    texts: [
      { source: FORBIDDEN, file: 'worker/src/workflows/sample.ts' },
      { source: ALLOWED, file: 'worker/src/workflows/sample.ts' },
      { source: OUTSIDE, file: 'worker/src/workflows/sample.test.ts' },
      { source: OUTSIDE, file: 'worker/src/activities/sample.ts' },
    ],
    files: ['worker/src/workflows/*.ts'],
  };
  ({ texts, files } = JSON.parse(execFileSync(process.execPath, [RUNNER], { input: JSON.stringify(request), encoding: 'utf8' })) as {
    texts: Finding[][];
    files: typeof files;
  });
});

const brief = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.ruleId}`);

describe('the workflow lint rules', () => {
  it('reject Node built-ins, I/O packages, activities and the tenant-config index as values, timers, randomness and the environment', () => {
    expect(brief(texts[0])).toEqual([
      '1:no-restricted-imports',
      '2:no-restricted-imports',
      '3:no-restricted-imports',
      '4:no-restricted-imports',
      '5:no-restricted-imports',
      '6:no-restricted-imports',
      '7:no-restricted-properties',
      '8:no-restricted-globals',
      '9:no-restricted-globals',
      '10:no-restricted-globals',
    ]);
    expect(texts[0][0].message).toContain('no Node built-ins');
  });

  it('let through the workflow SDK, the lifecycle contract, sibling modules and type imports from anywhere', () => {
    expect(brief(texts[1])).toEqual([]);
  });

  it('apply to workflow files only, not to their tests or to activities', () => {
    expect(brief(texts[2])).toEqual([]);
    expect(brief(texts[3])).toEqual([]);
  });

  it('find nothing in the workflow files as they are', () => {
    const workflowFiles = files.filter((f) => !f.file.endsWith('.test.ts'));
    expect(workflowFiles.map((f) => f.file)).toContain('worker/src/workflows/complaint-lifecycle.workflow.ts');
    expect(workflowFiles.flatMap((f) => f.messages.map((m) => `${f.file}:${m.line} ${m.message}`))).toEqual([]);
  });
});
