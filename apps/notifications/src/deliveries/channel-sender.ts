import type { Channel } from '@gov/contracts-notifications';
import { ConfigError, LOGGER, Periodic, SERVICE_CONFIG, type Logger } from '@gov/platform';
import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/sql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NotificationsEnv } from '../config';
import { Delivery } from './delivery.entities';
import { FileRecordingProvider, HttpProvider, SmtpProvider, type ChannelProvider } from './providers';

type Outbound = Exclude<Channel, 'IN_APP'>;

/** Retries after a provider refused: 1 min, then 5 min; the third failure is final. */
const RETRY_MS = [60_000, 300_000];

export function providersFrom(config: NotificationsEnv): Record<Outbound, ChannelProvider> {
  const file = new FileRecordingProvider(config.RECORD_DIR);
  const pick = (channel: Outbound, kind: 'file' | 'http', url: string | undefined, token: string | undefined) => {
    if (kind === 'file') return file;
    if (!url) throw new ConfigError([`${channel}_HTTP_URL: required when ${channel}_PROVIDER=http`]);
    return new HttpProvider(url, token);
  };
  return {
    SMS: pick('SMS', config.SMS_PROVIDER, config.SMS_HTTP_URL, config.SMS_HTTP_TOKEN),
    WECHAT: pick('WECHAT', config.WECHAT_PROVIDER, config.WECHAT_HTTP_URL, config.WECHAT_HTTP_TOKEN),
    EMAIL: config.EMAIL_PROVIDER === 'smtp' ? smtp(config) : pick('EMAIL', config.EMAIL_PROVIDER, config.EMAIL_HTTP_URL, config.EMAIL_HTTP_TOKEN),
  };
}

function smtp(config: NotificationsEnv): ChannelProvider {
  if (!config.SMTP_URL) throw new ConfigError(['SMTP_URL: required when EMAIL_PROVIDER=smtp']);
  return new SmtpProvider(config.SMTP_URL, config.EMAIL_FROM);
}

/**
 * Hands queued SMS, WeChat and e-mail deliveries whose time has come (quiet hours over, retry due) to their
 * providers (time injected through `send(now)`): accepted → SENT; refused → retried, then FAILED.
 */
@Injectable()
export class ChannelSender implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly providers: Record<Outbound, ChannelProvider>;
  private readonly templates: Partial<Record<string, string>>;
  private readonly periodic: Periodic;

  constructor(
    private readonly orm: MikroORM,
    @Inject(LOGGER) logger: Logger,
    @Inject(SERVICE_CONFIG) config: NotificationsEnv,
  ) {
    this.providers = providersFrom(config);
    this.templates = config.WECHAT_TEMPLATE_IDS;
    this.periodic = new Periodic('channel send', config.CHANNEL_SEND_MS, () => this.send(new Date()), logger);
  }

  onApplicationBootstrap() {
    this.periodic.start();
  }

  onApplicationShutdown() {
    return this.periodic.stop();
  }

  send(now: Date): Promise<{ sent: number; retrying: number; failed: number }> {
    return RequestContext.create(this.orm.em, () =>
      this.orm.em.fork().transactional(async (em) => {
        const result = { sent: 0, retrying: 0, failed: 0 };
        const rows = await em.execute<{ id: string }[]>(
          `select id from delivery where status = 'QUEUED' and channel <> 'IN_APP' and not_before <= ?
            order by not_before limit 200 for update skip locked`,
          [now],
        );
        if (rows.length === 0) return result;
        for (const delivery of await em.find(Delivery, { id: { $in: rows.map((row) => row.id) } })) {
          const channel = delivery.channel as Outbound;
          try {
            await this.providers[channel].send({
              id: delivery.id,
              channel,
              to: delivery.address ?? '',
              locale: delivery.locale,
              title: delivery.title,
              body: delivery.body,
              type: delivery.messageType,
              data: delivery.data ?? {},
              templateId: channel === 'WECHAT' ? (this.templates[delivery.messageType] ?? null) : null,
            });
            delivery.status = 'SENT';
            delivery.sentAt = now;
            delivery.reason = null;
            result.sent++;
          } catch (error) {
            delivery.attempts += 1;
            delivery.reason = String((error as Error).message ?? error).slice(0, 500);
            const wait = RETRY_MS[delivery.attempts - 1];
            if (wait === undefined) {
              delivery.status = 'FAILED';
              result.failed++;
            } else {
              delivery.notBefore = new Date(now.getTime() + wait);
              result.retrying++;
            }
          }
        }
        return result;
      }),
    );
  }
}
