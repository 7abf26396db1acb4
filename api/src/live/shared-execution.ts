import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;
const results = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>();

function keyOf(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  return `${id}:${JSON.stringify(args.variableValues ?? {})}`;
}

/**
 * Executes a subscription payload once per (payload, document, variables) instead of once per
 * subscriber. Payload objects are shared only between subscribers allowed to see them (see
 * LiveSnapshots / forPortal), and subscription results depend on nothing but the payload, so one
 * queue event fanned out to 10,000 identical subscriptions is executed once.
 */
function executeShared(payload: unknown, args: ExecutionArgs): Promise<ExecutionResult> | ExecutionResult {
  if (payload === null || typeof payload !== 'object') return execute({ ...args, rootValue: payload });
  let byQuery = results.get(payload);
  if (!byQuery) results.set(payload, (byQuery = new Map()));
  const key = keyOf(args);
  let result = byQuery.get(key);
  if (!result) byQuery.set(key, (result = execute({ ...args, rootValue: payload })));
  return result;
}

async function* mapPayloads(source: AsyncIterable<unknown>, args: ExecutionArgs): AsyncGenerator<ExecutionResult> {
  for await (const payload of source) yield await executeShared(payload, args);
}

/** graphql-js's `subscribe`, with the per-event execution shared (plugged into graphql-ws). */
export async function subscribeShared(args: ExecutionArgs): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  return mapPayloads(source as AsyncIterable<unknown>, args);
}
