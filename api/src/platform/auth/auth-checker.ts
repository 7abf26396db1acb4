import type { AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import type { Principal } from './principal';

/**
 * The one place permissions are checked: `@Authorized('complaint.read')` lists what an operation
 * needs; staff get permissions from their roles in the tenant configuration, API keys from scopes.
 */
export const authChecker: AuthChecker<{ principal: Principal }, string> = ({ context }, required) => {
  const principal = context.principal;
  if (principal.kind === 'anonymous') throw unauthenticated();
  const missing = required.filter((p) => !principal.permissions.has(p));
  if (missing.length) throw forbidden(`Missing permission: ${missing.join(', ')}`);
  return true;
};
