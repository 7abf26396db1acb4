import type { EntityManager } from '@mikro-orm/postgresql';
import { hashPassword } from '../identity/password';
import { PlatformOperator } from './platform-operator.entity';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 12;

export interface NewOperator {
  email: string;
  password: string;
  displayName?: string;
}

/** Problems with a would-be operator's credentials, in words for a terminal. */
export function operatorProblems(input: NewOperator): string[] {
  const problems: string[] = [];
  if (!EMAIL.test(input.email.trim())) problems.push('the email is not an email address');
  if (input.password.length < MIN_PASSWORD) problems.push(`the password must be at least ${MIN_PASSWORD} characters`);
  return problems;
}

/**
 * Creates an operator unless one with that email exists (then nothing changes: running the bootstrap twice is
 * harmless, and it never resets a password someone already uses). Needs the owner connection: the application
 * role may only read operators.
 */
export async function createOperator(em: EntityManager, input: NewOperator): Promise<'created' | 'exists'> {
  const problems = operatorProblems(input);
  if (problems.length) throw new Error(`cannot create the operator: ${problems.join('; ')}`);
  const email = input.email.trim().toLowerCase();
  if (await em.count(PlatformOperator, { email })) return 'exists';
  em.create(PlatformOperator, { email, displayName: input.displayName?.trim() || email, passwordHash: await hashPassword(input.password) });
  await em.flush();
  return 'created';
}
