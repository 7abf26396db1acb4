import { Pool } from 'pg';

/**
 * A small pool beside the ORM's, for statements that must commit on their own (a refresh-token family
 * ended on reuse, a failed sign-in counted) although the request that runs them fails and rolls back. A
 * request already holding a connection of the main pool never waits on that same pool for these.
 */
export function openSidePool(connectionString: string, max = 4): Pool {
  // Idle connections must not keep a finished process (a CLI, a test worker) alive.
  const pool = new Pool({ connectionString, max, allowExitOnIdle: true });
  // An idle connection the server ends is reported here and dropped; unlistened, the event would crash the process.
  pool.on('error', () => undefined);
  return pool;
}
