import { badInput } from '../platform/errors';

/** A position in the global timeline order (transaction id, then sequence), handed to clients opaque. */
export interface TimelineCursor {
  tx: bigint;
  seq: bigint;
}

export const ORIGIN: TimelineCursor = { tx: 0n, seq: 0n };

export const encodeCursor = (c: TimelineCursor): string => Buffer.from(`${c.tx}.${c.seq}`).toString('base64url');

export function decodeCursor(text: string, path = 'after'): TimelineCursor {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) throw badInput([{ path, message: 'The cursor is not one this API handed out' }]);
  return { tx: BigInt(match[1]), seq: BigInt(match[2]) };
}

export function compareCursors(a: TimelineCursor, b: TimelineCursor): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}
