import type { Logger } from './logging';

/**
 * Runs a service's own timer work (sweeps, sends, fan-outs) every `intervalMs`, never two runs at once; a
 * `wake()` runs it now (or right after the run in progress). `stop()` waits for the run in progress.
 * An interval of 0 or less turns it off: tests then call the task themselves with an injected time.
 */
export class Periodic {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.intervalMs > 0 && !this.stopped;
  }

  start() {
    if (!this.enabled) return;
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
  }

  wake() {
    if (!this.enabled) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.task()
      .catch((error) => this.logger.warn({ err: error }, `${this.name} failed`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop() {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
