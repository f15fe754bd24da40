/**
 * Tasks run one at a time, in the order they were pushed. A task that returns a Promise
 * holds the ones after it until it settles; while nothing waits, a pushed task runs at
 * once, in the caller's turn (no added latency).
 */
export type Task = () => void | Promise<void>;

export class SerialQueue {
  private readonly tasks: Task[] = [];
  private running = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  get length(): number {
    return this.tasks.length;
  }

  push(task: Task): void {
    this.tasks.push(task);
    if (!this.running) this.run();
  }

  /** Drops the tasks not started yet. */
  clear(): void {
    this.tasks.length = 0;
  }

  private run(): void {
    this.running = true;
    for (let task = this.tasks.shift(); task; task = this.tasks.shift()) {
      let result: void | Promise<void>;
      try {
        result = task();
      } catch (error) {
        this.onError(error);
        continue;
      }
      if (result instanceof Promise) {
        result.catch(this.onError).finally(() => this.run());
        return;
      }
    }
    this.running = false;
  }
}
