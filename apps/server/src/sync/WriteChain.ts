/**
 * The appends of one document to an asynchronous store: each write is sent at once (a
 * pool may run several side by side), and what follows it (the relay) runs once it and
 * every earlier write have resolved, in the order they were added. So the relays keep
 * the order of the changes, and none goes out before its change is stored. The first
 * failure stops the chain: nothing added before or after it is handed on.
 */
export class WriteChain {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private failed = false;

  constructor(private readonly onFailure: (error: unknown) => void) {}

  /** Writes not yet resolved. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Starts `write`, then runs `after` in order. Resolves true once `after` has run,
   * false when the chain failed (at this write or an earlier one).
   */
  add(write: () => unknown, after: () => void = () => {}): Promise<boolean> {
    if (this.failed) return Promise.resolve(false);
    this.pending++;
    let started: Promise<unknown>;
    try {
      started = Promise.resolve(write());
    } catch (error) {
      started = Promise.reject(error);
    }
    // Handled in its turn below; a rejection is not left unhandled meanwhile.
    started.catch(() => {});
    const done = this.tail
      .then(() => started)
      .then(
        () => {
          this.pending--;
          if (this.failed) return false;
          after();
          return true;
        },
        (error: unknown) => {
          this.pending--;
          if (!this.failed) {
            this.failed = true;
            this.onFailure(error);
          }
          return false;
        },
      );
    this.tail = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  /** Resolves once every write added so far has resolved or failed. */
  settled(): Promise<void> {
    return this.tail;
  }
}
