import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig } from '../platform/config';
import type { AuthService } from '../identity/auth.service';
import { AccessGuard } from './access-guard';
import type { LiveServices } from './live-context';
import { LiveHub } from './live-hub';
import { complaintExistence, LiveSnapshots } from './live-snapshots';
import { TimelineTail } from './timeline-tail';

interface RunningLive {
  services: LiveServices;
  tail: TimelineTail;
  close(): Promise<void>;
}

/** Starts this process's timeline tail and the parts every subscription shares. */
export async function startLive(
  root: EntityManager,
  config: AppConfig,
  auth: AuthService,
  log: (message: string, error?: unknown) => void,
): Promise<RunningLive> {
  const snapshots = new LiveSnapshots(root);
  const hub = new LiveHub((event) => snapshots.load(event));
  const tail = new TimelineTail(
    { connectionString: config.appDatabaseUrl, pollMs: config.live.pollMs, onError: (error) => log('timeline tail failed', error) },
    hub.dispatch,
  );
  await tail.start();
  return {
    services: { root, hub, snapshots, complaints: complaintExistence(root), guard: new AccessGuard(root, auth), maxBuffered: config.live.maxBufferedEvents },
    tail,
    close: () => tail.stop(),
  };
}
