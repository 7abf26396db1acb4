interface Waiting<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

/**
 * Collects the loads of one tick and runs one fetch per tenant for all of them: thousands of
 * subscribers arriving or receiving at once cost a handful of queries, not thousands.
 */
export class TenantBatch<V> {
  private pending = new Map<string, Map<string, Waiting<V>[]>>();

  constructor(private readonly fetch: (tenantId: string, keys: string[]) => Promise<Map<string, V>>) {}

  load(tenantId: string, key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.pending.size) setImmediate(() => this.flush());
      let keys = this.pending.get(tenantId);
      if (!keys) this.pending.set(tenantId, (keys = new Map<string, Waiting<V>[]>()));
      keys.set(key, [...(keys.get(key) ?? []), { resolve, reject }]);
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = new Map();
    for (const [tenantId, keys] of batch) {
      this.fetch(tenantId, [...keys.keys()]).then(
        (found) => keys.forEach((waiting, key) => waiting.forEach((w) => w.resolve(found.get(key)))),
        (error: unknown) => keys.forEach((waiting) => waiting.forEach((w) => w.reject(error))),
      );
    }
  }
}
