/**
 * Coalesced recomputation: `request()` marks the lab dirty; at most one computation is
 * scheduled or running at a time, off the socket's path (`setImmediate`, then a worker
 * thread or not, as `compute` likes), and each run reads the newest state when it
 * starts, so a burst of edits costs one or two computations, never a queue of them.
 */
export type RecomputerState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'scheduled' }
  | { readonly kind: 'running'; readonly dirty: boolean }
  | { readonly kind: 'stopped' };

export class Recomputer {
  private state: RecomputerState = { kind: 'idle' };
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Immediate | undefined;
  /** Requests made so far, and how many of them the last finished computation covered. */
  private requested = 0;
  private covered = 0;
  private catchUps: { readonly upTo: number; readonly resolve: () => void }[] = [];

  constructor(
    private readonly compute: () => Promise<void>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** A computation is scheduled or running. */
  get busy(): boolean {
    return this.state.kind === 'scheduled' || this.state.kind === 'running';
  }

  request(): void {
    this.requested++;
    switch (this.state.kind) {
      case 'idle':
        this.schedule();
        return;
      case 'running':
        this.state = { kind: 'running', dirty: true };
        return;
      case 'scheduled':
      case 'stopped':
        return;
      default:
        assertNever(this.state);
    }
  }

  /**
   * Resolves once a computation that saw every request made so far has finished —
   * even while newer edits keep coming (whenIdle would wait for a pause that may
   * never come).
   */
  whenCaughtUp(): Promise<void> {
    const upTo = this.requested;
    if (this.covered >= upTo || this.state.kind === 'stopped') return Promise.resolve();
    return new Promise((resolve) => this.catchUps.push({ upTo, resolve }));
  }

  /** Resolves once nothing is scheduled or running (immediately when idle). */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    if (this.timer) clearImmediate(this.timer);
    this.state = { kind: 'stopped' };
    this.covered = this.requested;
    this.flushCatchUps();
    this.flushWaiters();
  }

  private flushCatchUps(): void {
    const waiting = this.catchUps;
    this.catchUps = waiting.filter((entry) => entry.upTo > this.covered);
    for (const entry of waiting) if (entry.upTo <= this.covered) entry.resolve();
  }

  private schedule(): void {
    this.state = { kind: 'scheduled' };
    this.timer = setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.state.kind !== 'scheduled') return;
    this.state = { kind: 'running', dirty: false };
    const covers = this.requested;
    try {
      await this.compute();
    } catch (error) {
      this.onError(error);
    }
    this.covered = covers;
    this.flushCatchUps();
    const state = this.state as RecomputerState;
    if (state.kind === 'stopped') return;
    if (state.kind === 'running' && state.dirty) return this.schedule();
    this.state = { kind: 'idle' };
    this.flushWaiters();
  }

  private flushWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected state ${JSON.stringify(value)}`);
}
