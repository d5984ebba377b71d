/**
 * Keeps a figure (a count, never personal data) for a short time, per key,
 * so a busy page does not recount on every view. Callers that ask while the
 * figure is being worked out share the one query. A failed query is not kept.
 */
export class FigureCache<V> {
  private readonly entries = new Map<string, { value: Promise<V>; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const time = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.expires > time) return entry.value;
    if (this.entries.size >= this.maxEntries) {
      for (const [k, e] of this.entries) if (e.expires <= time) this.entries.delete(k);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
    }
    const value = load();
    const fresh = { value, expires: time + this.ttlMs };
    this.entries.set(key, fresh);
    value.catch(() => {
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return value;
  }

  /** Drops a figure that has just changed, so the next view counts again. */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
