/**
 * Guessing protection for the secure links: each client address may get
 * only so many wrong tokens in a window, then every link request from it is
 * refused until the window ends. Tokens are 256-bit, so guessing cannot
 * succeed; this keeps a guesser from filling the audit trail and the
 * database's time. In memory, per server process, like the finder's limits.
 */
export class LinkGuard {
  private readonly misses = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit = 10,
    readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 50_000,
  ) {}

  /** Whether the address has had its wrong tokens for this window. */
  blocked(key: string, now = Date.now()): boolean {
    const window = this.misses.get(key);
    if (!window) return false;
    if (now - window.start >= this.windowMs) {
      this.misses.delete(key);
      return false;
    }
    return window.count >= this.limit;
  }

  /** Counts a wrong token from the address. */
  miss(key: string, now = Date.now()): void {
    const window = this.misses.get(key);
    if (window && now - window.start < this.windowMs) {
      window.count += 1;
      return;
    }
    if (!window && this.misses.size >= this.maxKeys) this.prune(now);
    this.misses.set(key, { start: now, count: 1 });
  }

  /** Seconds until the address may try again. */
  retryAfter(key: string, now = Date.now()): number {
    const window = this.misses.get(key);
    return window ? Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) : 1;
  }

  private prune(now: number): void {
    for (const [key, window] of this.misses) if (now - window.start >= this.windowMs) this.misses.delete(key);
    if (this.misses.size >= this.maxKeys) this.misses.delete(this.misses.keys().next().value as string);
  }
}
