import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../platform/auth/principal';
import type { AccessGuard } from './access-guard';
import type { LiveHub } from './live-hub';
import type { LiveSnapshots } from './live-snapshots';
import type { PayloadRenderer } from './shared-execution';
import type { TenantBatch } from './tenant-batch';

/** WebSocket close codes a client can act on. */
export enum LiveCloseCode {
  UNAUTHENTICATED = 4401,
  FORBIDDEN = 4403,
  TOO_MANY_CONNECTIONS = 4429,
  SLOW_CONSUMER = 4508,
}

/** The process-wide parts of live updates. */
export interface LiveServices {
  root: EntityManager;
  hub: LiveHub;
  snapshots: LiveSnapshots;
  /** Batched "does this complaint exist in the tenant" checks for new subscriptions. */
  complaints: TenantBatch<true>;
  guard: AccessGuard;
  /** Bound on events queued for one subscription before it is dropped as a slow consumer. */
  maxBuffered: number;
}

/** The WebSocket end of one subscription: events are written to it as ready-made graphql-ws frames. */
interface LiveOutlet {
  /** The graphql-ws operation id the client chose for this subscription. */
  operationId: string;
  /** Sends one graphql-ws message (JSON bytes) as a text frame now; nothing when the socket is no longer open. */
  send(message: Buffer): void;
  /** Bytes accepted for this socket but not yet handed to the kernel: the slow-consumer measure. */
  readonly bufferedAmount: number;
}

/**
 * The context of a subscription operation. It holds no transaction or connection: a subscription
 * lives for hours, so every event is loaded in its own short transaction instead.
 */
export interface LiveContext {
  live: LiveServices;
  principal: Principal;
  /** The credential from connection_init, re-validated before each event. */
  authorization: string;
  outlet: LiveOutlet;
  /** Executes and serializes a payload for this operation's document and variables (shared, see shared-execution). */
  renderer: PayloadRenderer;
  closeSocket(code: LiveCloseCode, reason: string): void;
}
