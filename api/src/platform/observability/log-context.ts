import { AsyncLocalStorage } from 'node:async_hooks';

/** What a log line says about the work it belongs to, as far as that is known yet. */
export interface LogFields {
  requestId?: string;
  tenantId?: string;
  principalKind?: string;
  complaintId?: string;
  complaintNumber?: string;
}

const current = new AsyncLocalStorage<LogFields>();

/** Runs `work` with its own log fields; everything it awaits logs them. */
export function runWithLogContext<T>(fields: LogFields, work: () => T): T {
  return current.run({ ...fields }, work);
}

/** Adds what the work has learnt since (the caller after authentication, the complaint once numbered). */
export function addLogContext(fields: LogFields): void {
  const store = current.getStore();
  if (store) Object.assign(store, fields);
}

export function logContext(): LogFields | undefined {
  return current.getStore();
}
