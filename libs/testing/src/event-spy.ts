import type { NatsConnection, Subscription } from '@nats-io/nats-core';

export interface SpiedEvent {
  subject: string;
  data: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Records every event published under `<prefix>evt.>` so a test can assert what a change emitted. */
export class EventSpy {
  readonly events: SpiedEvent[] = [];
  private readonly subscription: Subscription;
  private waiters: (() => void)[] = [];

  constructor(nc: NatsConnection, private readonly prefix: string) {
    this.subscription = nc.subscribe(`${prefix}evt.>`, {
      callback: (error, message) => {
        if (error) return;
        const headers: Record<string, string> = {};
        for (const [name, values] of message.headers ?? []) headers[name.toLowerCase()] = values[0];
        this.events.push({ subject: message.subject.slice(prefix.length), data: message.json(), headers });
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach((wake) => wake());
      },
    });
  }

  of(subject: string, where: (event: SpiedEvent) => boolean = () => true): SpiedEvent[] {
    return this.events.filter((event) => event.subject === subject && where(event));
  }

  /** Resolves with the first matching event, waiting up to `timeoutMs` for it. */
  async waitFor(subject: string, where: (event: SpiedEvent) => boolean = () => true, timeoutMs = 5_000): Promise<SpiedEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.of(subject, where)[0];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`no ${subject} event within ${timeoutMs} ms; saw: ${this.events.map((e) => e.subject).join(', ') || 'nothing'}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear() {
    this.events.length = 0;
  }

  stop() {
    this.subscription.unsubscribe();
  }
}
