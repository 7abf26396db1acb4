import { execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

const documentIds = new WeakMap<DocumentNode, number>();
let nextDocumentId = 0;
/** Per payload object, its serialized results by operation (document, operation name, variables). */
const rendered = new WeakMap<object, Map<string, Buffer | Promise<Buffer>>>();

function operationKey(args: ExecutionArgs): string {
  let id = documentIds.get(args.document);
  if (id === undefined) documentIds.set(args.document, (id = nextDocumentId++));
  return `${id}:${args.operationName ?? ''}:${JSON.stringify(args.variableValues ?? {})}`;
}

/**
 * Executes and serializes a subscription payload once per (payload, document, operation, variables)
 * instead of once per subscriber. Payload objects are shared only between subscribers allowed to see
 * them (see LiveSnapshots / forPortal), and subscription results depend on nothing but the payload, so
 * one queue event fanned out to 10,000 identical subscriptions is executed and serialized once.
 */
export class PayloadRenderer {
  private readonly key: string;

  constructor(private readonly args: ExecutionArgs) {
    this.key = operationKey(args);
  }

  /** The serialized result (`{"data":…}`) when it is ready, so a caller can write it synchronously. */
  peek(payload: object): Buffer | undefined {
    const result = rendered.get(payload)?.get(this.key);
    return Buffer.isBuffer(result) ? result : undefined;
  }

  render(payload: object): Buffer | Promise<Buffer> {
    let byOperation = rendered.get(payload);
    if (!byOperation) rendered.set(payload, (byOperation = new Map<string, Buffer | Promise<Buffer>>()));
    const done = byOperation.get(this.key);
    if (done) return done;
    const results = byOperation;
    const pending = Promise.resolve(execute({ ...this.args, rootValue: payload })).then((result: ExecutionResult) => {
      const bytes = Buffer.from(JSON.stringify(result));
      results.set(this.key, bytes);
      return bytes;
    });
    results.set(this.key, pending);
    return pending;
  }
}
