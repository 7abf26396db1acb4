import { IllegalStateError, OperatorService, WorkflowService, type ConnectionLike, type Metadata } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';

type RpcImpl = Parameters<typeof WorkflowService.create>[0];

/**
 * The API's Temporal connection: the SDK's native client (its Rust core, as workers use), connected on
 * first use so the API starts and takes complaints while Temporal is down. A failed connect is retried
 * by the next call; once connected, the core reconnects by itself.
 *
 * Native rather than the SDK's pure-JavaScript gRPC client: intake starts a workflow per complaint, and
 * the native client costs the API less CPU per start (figures in the lifecycle README).
 */
export class LazyNativeConnection implements ConnectionLike {
  readonly plugins = [];
  readonly workflowService = WorkflowService.create(
    this.forwardTo((c) => c.workflowService),
    false,
    false,
  );
  readonly operatorService = OperatorService.create(
    this.forwardTo((c) => c.operatorService),
    false,
    false,
  );
  private connecting: Promise<NativeConnection> | undefined;

  constructor(private readonly address: string) {}

  async ensureConnected(): Promise<void> {
    await this.connection();
  }

  withDeadline<R>(deadline: number | Date, fn: () => Promise<R>): Promise<R> {
    return this.within((c) => c.withDeadline(deadline, fn), fn);
  }

  withMetadata<R>(metadata: Metadata, fn: () => Promise<R>): Promise<R> {
    return this.within((c) => c.withMetadata(metadata, fn), fn);
  }

  withAbortSignal<R>(abortSignal: AbortSignal, fn: () => Promise<R>): Promise<R> {
    return this.within((c) => c.withAbortSignal(abortSignal, fn), fn);
  }

  /**
   * Runs `fn` in the native connection's call context. When connecting fails, `fn` still runs: its calls
   * meet the same failure, which the SDK reports as the ServiceError callers handle, not a bare TransportError.
   */
  private within<R>(inContext: (connection: NativeConnection) => Promise<R>, fn: () => Promise<R>): Promise<R> {
    return this.connection().then(inContext, fn);
  }

  async close(): Promise<void> {
    const connecting = this.connecting;
    this.connecting = undefined;
    await (await connecting?.catch(() => undefined))?.close();
  }

  private connection(): Promise<NativeConnection> {
    return (this.connecting ??= connectNative(this.address).catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    }));
  }

  /** Each call waits for the connection, then goes through the native client's own service. */
  private forwardTo(service: (connection: NativeConnection) => { rpcImpl: RpcImpl | null }): RpcImpl {
    return (method, requestData, callback) => {
      this.connection().then(
        (connection) => service(connection).rpcImpl!(method, requestData, callback),
        (error: Error) => callback(error, null),
      );
    };
  }
}

function connectNative(address: string): Promise<NativeConnection> {
  installRuntime();
  return NativeConnection.connect({ address });
}

/**
 * The SDK's core runtime is one per process. The API installs it without the SDK's signal hooks (they
 * exist to stop workers; the API stops on its own signals) and with warnings only. A worker in the same
 * process, as in tests, may have installed it first: then that one serves.
 */
function installRuntime(): void {
  try {
    Runtime.install({ shutdownSignals: [], logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof IllegalStateError)) throw error;
  }
}
