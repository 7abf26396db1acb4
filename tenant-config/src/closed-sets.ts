/**
 * `@complaints/tenant-config/closed-sets`: every fixed vocabulary of the configuration as plain arrays, with
 * no dependency at all (no zod, YAML or luxon), for the admin UI's bundle. Types come from the package
 * index as `import type`, which costs a bundle nothing.
 */
export * from './lifecycle-contract/closed-sets';
export * from './config-closed-sets';
