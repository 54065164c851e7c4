import { createInbox, type MsgHdrs, type Msg, type NatsConnection, type Subscription } from '@nats-io/nats-core';

/** Why a request got no answer. */
export class NoReplyError extends Error {
  constructor(
    readonly reason: 'NO_RESPONDERS' | 'TIMEOUT' | 'CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'NoReplyError';
  }
}

interface Waiter {
  subject: string;
  resolve: (message: Msg) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request-reply over one wildcard inbox subscription: each request is a publish with its own reply subject
 * under the inbox, and a map from that subject to the caller waiting for it. The protocol `nc.request`
 * speaks (NATS answers a 503 status when nobody subscribes), without the Error object nats.js builds for
 * every request it completes: on the hot paths (every RPC, every relayed event) that was a stack trace each.
 */
export class ReplyInbox {
  private readonly inbox = createInbox();
  private subscription?: Subscription;
  private readonly waiting = new Map<string, Waiter>();
  private sequence = 0;

  constructor(private readonly nc: NatsConnection) {}

  request(subject: string, payload: string | Uint8Array, options: { headers?: MsgHdrs; timeoutMs: number }): Promise<Msg> {
    if (this.nc.isClosed() || this.nc.isDraining()) {
      return Promise.reject(new NoReplyError('CLOSED', 'the NATS connection is closed'));
    }
    this.subscription ??= this.nc.subscribe(`${this.inbox}.*`, { callback: (_error, message) => this.settle(message) });
    const token = (++this.sequence).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        reject(new NoReplyError('TIMEOUT', `no answer on ${subject} within ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      this.waiting.set(token, { subject, resolve, reject, timer });
      try {
        this.nc.publish(subject, payload, { reply: `${this.inbox}.${token}`, headers: options.headers });
      } catch (error) {
        clearTimeout(timer);
        this.waiting.delete(token);
        reject(new NoReplyError('CLOSED', `could not publish to ${subject}: ${(error as Error).message}`));
      }
    });
  }

  private settle(message: Msg) {
    const token = message.subject.slice(this.inbox.length + 1);
    const waiter = this.waiting.get(token);
    if (!waiter) return; // an answer after its request timed out
    this.waiting.delete(token);
    clearTimeout(waiter.timer);
    if (message.headers?.hasError && message.headers.code === 503) {
      waiter.reject(new NoReplyError('NO_RESPONDERS', `nobody answers ${waiter.subject}`));
    } else {
      waiter.resolve(message);
    }
  }

  /** Stops listening; requests still waiting time out. */
  close() {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }
}
