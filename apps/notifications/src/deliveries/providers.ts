import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Channel } from '@gov/contracts-notifications';

export interface OutboundMessage {
  id: string;
  channel: Exclude<Channel, 'IN_APP'>;
  to: string;
  locale: string;
  title: string;
  body: string;
  type: string;
}

/** One way out for one channel. `send` resolves when the provider accepted the message, and throws when it did not. */
export interface ChannelProvider {
  readonly name: string;
  send(message: OutboundMessage): Promise<void>;
}

/**
 * The default provider: appends every message as one JSON line to `<dir>/<channel>.jsonl`, so a person can read
 * exactly what would have been sent (development, demos, districts without an SMS contract yet).
 */
export class FileRecordingProvider implements ChannelProvider {
  readonly name = 'file';
  constructor(private readonly dir: string) {}

  async send(message: OutboundMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const line = JSON.stringify({ at: new Date().toISOString(), ...message });
    await appendFile(path.join(this.dir, `${message.channel.toLowerCase()}.jsonl`), `${line}\n`, 'utf8');
  }
}

/**
 * A provider behind an HTTP gateway the district runs (an SMS platform, a WeChat template-message relay, a
 * mail relay): POSTs the message as JSON with a bearer token; any 2xx is accepted.
 */
export class HttpProvider implements ChannelProvider {
  readonly name = 'http';
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(message: OutboundMessage): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  }
}
