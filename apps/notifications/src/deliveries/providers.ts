import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Channel } from '@gov/contracts-notifications';
import nodemailer from 'nodemailer';

export interface OutboundMessage {
  id: string;
  channel: Exclude<Channel, 'IN_APP'>;
  to: string;
  locale: string;
  title: string;
  body: string;
  type: string;
  /** The message's template data. */
  data: Record<string, string | number>;
  /** WeChat: the official account's template for this type (WECHAT_TEMPLATE_IDS), when configured. */
  templateId: string | null;
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

/** E-mail over SMTP (`smtp://user:pass@host:587`, or `smtps://` for TLS from the start). */
export class SmtpProvider implements ChannelProvider {
  readonly name = 'smtp';
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(message: OutboundMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: message.to, subject: message.title, text: message.body, headers: { 'X-Gov-Delivery-Id': message.id } });
  }
}
