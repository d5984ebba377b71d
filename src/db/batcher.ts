// Shares one run of a cheap read among the callers waiting for it. A caller
// never joins a run already under way (it may have begun before the caller
// asked, and so may miss a change committed just before): it waits for the
// next run, which starts as soon as the one under way ends. So every answer
// comes from a statement that began after its caller asked.

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T> {
  private waiting: Waiter<T>[] = [];
  private running = false;
  /** How many times the read has run (for tests). */
  runs = 0;

  constructor(private readonly read: () => Promise<T>) {}

  /** The value from a run that begins after this call. */
  next(): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting;
        this.waiting = [];
        this.runs += 1;
        try {
          const value = await this.read();
          for (const waiter of batch) waiter.resolve(value);
        } catch (error) {
          for (const waiter of batch) waiter.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
