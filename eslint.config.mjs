// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';
import { builtinModules } from 'node:module';

/**
 * Workflow code replays deterministically in Temporal's sandbox: no Node, no I/O, no timers or randomness of its own.
 * Value imports come only from sibling workflow modules, the workflow SDK and the pure lifecycle contract (the
 * tenant-config index carries zod schemas; activities, the ORM and the api open connections); type imports are erased.
 * worker/src/workflows/workflow-lint.test.ts proves these rules catch what they should.
 */
const WORKFLOW_IMPORTS = ['@temporalio/workflow', '@complaints/tenant-config/lifecycle-contract'];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const workflowRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: builtinModules
        .flatMap((name) => [name, `node:${name}`])
        .map((name) => ({ name, message: 'Workflow code runs in a deterministic sandbox: no Node built-ins.' })),
      patterns: [
        {
          regex: `^(?!\\./|node:|(${builtinModules.map(escape).join('|')})$|(${WORKFLOW_IMPORTS.map(escape).join('|')})$)`,
          allowTypeImports: true,
          message: `Workflow code imports values only from ./ workflow modules, ${WORKFLOW_IMPORTS.join(' and ')}; activities, the ORM and the api reach I/O (type imports are fine).`,
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'setTimeout', message: "Use @temporalio/workflow's sleep()." },
    { name: 'setInterval', message: 'Use a Temporal timer.' },
    { name: 'setImmediate', message: 'Use a Temporal timer.' },
    { name: 'fetch', message: 'Workflows do no I/O: call an activity.' },
    { name: 'process', message: 'Workflows see no environment.' },
    { name: 'require', message: 'Workflow code imports only the allowed modules.' },
    { name: 'crypto', message: "Use @temporalio/workflow's uuid4() or a value from an activity." },
  ],
  'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: "Use @temporalio/workflow's uuid4() or a value from an activity." }],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'admin-ui/.angular/**',
      'admin-ui/src/app/graphql/generated.ts',
      '.data/**',
      'test-output/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  {
    files: ['tenant-config/src/**/*.ts', 'api/src/**/*.ts', 'worker/src/**/*.ts', 'test/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // Committed migrations are never edited, and MikroORM's up() is asynchronous by contract while addSql() is not.
  { files: ['api/src/migrations/Migration*.ts'], rules: { '@typescript-eslint/require-await': 'off' } },
  { files: ['worker/src/workflows/**/*.ts'], ignores: ['**/*.test.ts'], rules: workflowRules },
  {
    files: ['admin-ui/src/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked, ...angular.configs.tsRecommended],
    languageOptions: { parserOptions: { project: ['./admin-ui/tsconfig.app.json', './admin-ui/tsconfig.spec.json'], tsconfigRootDir: import.meta.dirname } },
    processor: angular.processInlineTemplates,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Angular's Validators.required and friends are static functions that do not use `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
    },
  },
  { files: ['admin-ui/src/**/*.html'], extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility] },
  {
    // Tests and benchmarks assert on untyped GraphQL/HTTP JSON and build partial fakes: `any` is their honest type.
    files: ['**/*.test.ts', '**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
