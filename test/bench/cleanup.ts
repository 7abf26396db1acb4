/**
 * What a benchmark started (servers, the API, connections), stopped newest first and only once: at the end
 * of the run, when it fails, or on Ctrl-C, whichever comes first. A second caller (the failing run while a
 * signal's cleanup is under way) waits for the same stop rather than starting another in a different order.
 */
export class Cleanup {
  private readonly stops: (() => Promise<unknown>)[] = [];
  private stopping?: Promise<void>;

  constructor(private readonly log: (line: string) => void) {}

  /** Registers a stop; one registered after cleanup began (a run still starting things) runs at once. */
  add(stop: () => Promise<unknown>): void {
    if (this.stopping) void this.stopping.then(() => this.runOne(stop));
    else this.stops.push(stop);
  }

  run(): Promise<void> {
    return (this.stopping ??= (async () => {
      for (const stop of this.stops.splice(0).reverse()) await this.runOne(stop);
    })());
  }

  /** SIGINT or SIGTERM stops everything, then exits with 130. */
  stopOnSignals(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void this.run().finally(() => process.exit(130)));
  }

  private runOne(stop: () => Promise<unknown>): Promise<void> {
    return stop().then(
      () => undefined,
      (error: unknown) => this.log(`cleanup: ${String(error)}`),
    );
  }
}
