import type { AuthChecker } from 'type-graphql';
import { unauthenticated } from '../errors';
import { isGrant, type Grant } from './grant';
import { ALTERNATIVE, requirePermission } from './permissions';
import type { Principal } from './principal';

/**
 * `@Authorized('complaint.read')` lists what an operation needs, every entry required; an entry made by
 * `anyOf` is met by any of its permissions. Each goes through `requirePermission`.
 * A name outside the closed set is a programming error, refused loudly rather than read as "never granted".
 */
export const authChecker: AuthChecker<{ principal: Principal }, string> = ({ context }, required) => {
  if (context.principal.kind === 'anonymous') throw unauthenticated();
  for (const entry of required) {
    const alternatives = entry.split(ALTERNATIVE);
    for (const name of alternatives) if (!isGrant(name)) throw new Error(`@Authorized names an unknown permission: ${name}`);
    requirePermission(context.principal, ...(alternatives as [Grant, ...Grant[]]));
  }
  return true;
};
