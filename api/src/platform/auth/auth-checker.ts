import type { AuthChecker } from 'type-graphql';
import { unauthenticated } from '../errors';
import { isGrant } from './grant';
import { requirePermission } from './permissions';
import type { Principal } from './principal';

/**
 * `@Authorized('complaint.read')` lists what an operation needs; each goes through `requirePermission`.
 * A name outside the closed set is a programming error, refused loudly rather than read as "never granted".
 */
export const authChecker: AuthChecker<{ principal: Principal }, string> = ({ context }, required) => {
  if (context.principal.kind === 'anonymous') throw unauthenticated();
  for (const name of required) {
    if (!isGrant(name)) throw new Error(`@Authorized names an unknown permission: ${name}`);
    requirePermission(context.principal, name);
  }
  return true;
};
