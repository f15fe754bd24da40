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

  constructor(
    private readonly compute: () => Promise<void>,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** A computation is scheduled or running. */
  get busy(): boolean {
    return this.state.kind === 'scheduled' || this.state.kind === 'running';
  }

  request(): void {
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

  /** Resolves once nothing is scheduled or running (immediately when idle). */
  whenIdle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    if (this.timer) clearImmediate(this.timer);
    this.state = { kind: 'stopped' };
    this.flushWaiters();
  }

  private schedule(): void {
    this.state = { kind: 'scheduled' };
    this.timer = setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    if (this.state.kind !== 'scheduled') return;
    this.state = { kind: 'running', dirty: false };
    try {
      await this.compute();
    } catch (error) {
      this.onError(error);
    }
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
