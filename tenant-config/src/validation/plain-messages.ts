import type { z } from 'zod';
import { quoteList } from './config-problem';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of settings',
};

function describeValue(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text '${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'a group of settings';
  return `a ${typeof value}`;
}

function sizeMessage(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  const more = issue.code === 'too_small';
  if (issue.origin === 'array') {
    if (more && bound === 1) return 'Add at least one entry';
    return more ? `Add at least ${bound} entries` : `Use at most ${bound} entries`;
  }
  if (issue.origin === 'string') {
    if (more && bound === 1) return 'Must not be empty';
    return more ? `Must be at least ${bound} characters` : `Must be at most ${bound} characters`;
  }
  if (more) return issue.inclusive ? `Must be at least ${bound}` : `Must be greater than ${bound}`;
  return issue.inclusive ? `Must be at most ${bound}` : `Must be less than ${bound}`;
}

/**
 * A zod error map producing sentences a tenant admin understands. Schemas that know better (formats,
 * time zones, unknown stages) attach their own messages, which take precedence over this map.
 */
export const plainIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'This setting is required';
      if (issue.expected === 'int') return 'Must be a whole number';
      return `Expected ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, but got ${describeValue(issue.input)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(issue);
    case 'invalid_value':
      return `${describeValue(issue.input)} is not allowed here; choose one of ${quoteList(issue.values.map(String))}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Must be an email address, like name@example.com' : 'This value has the wrong format';
    case 'unrecognized_keys':
      return `Unknown setting ${quoteList(issue.keys)}; check the spelling or remove it`;
    default:
      return 'This value is not valid here';
  }
};
