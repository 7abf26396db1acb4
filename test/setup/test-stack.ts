/**
 * The servers global-setup started, shared with global-teardown. Jest runs both in its parent
 * process, so a module-level global survives between them (test workers never see it).
 */
export interface TestStack {
  tempDir?: string;
  signalsHooked?: boolean;
  stops: Array<() => Promise<void>>;
}

const KEY = Symbol.for('complaints.test-stack');
type Holder = { [KEY]?: TestStack };

export function testStack(): TestStack {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { stops: [] });
}

/** Stops everything in reverse start order; safe to call twice. */
export async function stopTestStack(): Promise<void> {
  const stack = testStack();
  const stops = stack.stops.splice(0).reverse();
  for (const stop of stops) await stop().catch((error: unknown) => console.error('[test setup] stop failed:', error));
}
