import { ServerNats } from '@nestjs/microservices';

export interface NatsServerOptions {
  servers: string;
  /** Queue group: replicas of one service share the load. */
  queue: string;
  /** Prepended to every subject this server subscribes to. */
  prefix: string;
  name: string;
  gracePeriodMs: number;
}

/**
 * NestJS's NATS server with a subject prefix (so deployments and test runs can share one NATS server) and a
 * graceful shutdown that stops taking requests, then lets in-flight ones finish.
 */
export class PrefixedNatsServer extends ServerNats {
  constructor(private readonly natsOptions: NatsServerOptions) {
    super({
      servers: natsOptions.servers,
      queue: natsOptions.queue,
      name: natsOptions.name,
      gracefulShutdown: true,
      gracePeriod: natsOptions.gracePeriodMs,
      // No stack captured per request for errors that are never thrown.
      noAsyncTraces: true,
    });
  }

  /**
   * Our patterns are plain subjects. NestJS tries JSON.parse on every incoming message's pattern first, which
   * throws (and builds a stack trace) for each of them; only a pattern that looks like JSON is parsed.
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern.startsWith('{') ? super.getRouteFromPattern(pattern) : this.normalizePattern(pattern);
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0]) {
    for (const channel of this.messageHandlers.keys()) {
      const subscription = client.subscribe(`${this.natsOptions.prefix}${channel}`, {
        queue: this.natsOptions.queue,
        callback: this.getMessageHandler(channel).bind(this),
      });
      // `subscriptions` is what ServerNats drains on close; it is private in the typings only.
      (this as unknown as { subscriptions: unknown[] }).subscriptions.push(subscription);
    }
  }
}
