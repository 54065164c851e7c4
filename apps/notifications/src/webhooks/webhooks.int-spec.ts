import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegisterWebhookCommand } from '@gov/contracts-notifications';
import { AcknowledgeTicketCommand, DispatchTicketCommand, SubmitTicketCommand, TicketDispatchedEvent, TriageTicketCommand } from '@gov/contracts-tickets';
import { anActor, aGridWorker, bootService, bootServiceProcess, refusalCode, type ProcessServiceUnderTest, type ServiceUnderTest } from '@gov/testing';
import { notificationsService } from '../service';
import { WebhookDelivery } from './webhook.entities';
import { signature } from './webhook.rules';
import { WebhookSender } from './webhooks';

const GRID = '/310117/310117001/310117001001/G01/';
const worker = aGridWorker(GRID);
const SECRET = 'hospital-webhook-secret-0001';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('notifications: signed webhooks with retries and a dead letter (time injected)', () => {
  let tickets: ProcessServiceUnderTest;
  let notifications: ServiceUnderTest;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];
  const answers: number[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body });
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/gov`;
    tickets = await bootServiceProcess({ service: 'tickets', main: 'apps/tickets/src/main.ts', migrate: 'apps/tickets/src/migrate.ts' });
    notifications = await bootService(notificationsService, { prefix: tickets.prefix, env: { WEBHOOK_SEND_MS: '0' } });
  });
  afterAll(async () => {
    await notifications?.stop();
    await tickets?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  async function dispatchedTo(unitId: string) {
    const t = await tickets.client.request(
      SubmitTicketCommand,
      { channel: 'PHONE', reporter: { type: 'RESIDENT', personId: 'r-w' }, location: { areaPath: GRID, freeText: '卫生服务站' }, title: '义诊需求', description: '老人需要上门义诊' },
      { actor: worker },
    );
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await tickets.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await tickets.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PARTNER_UNIT', id: unitId } }, { actor: worker });
    return t;
  }
  async function queued(ticketId: string): Promise<WebhookDelivery> {
    for (let i = 0; i < 100; i++) {
      const deliveries = await notifications.em().find(WebhookDelivery, { eventType: TicketDispatchedEvent.subject });
      const found = deliveries.find((d) => d.body.includes(ticketId));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no delivery queued');
  }

  it('refuses a URL that is not http(s), and anyone without a unit', async () => {
    const partner = anActor(['PARTNER_CONTACT'], [], { kind: 'partner-unit', partnerUnitId: 'unit-x' });
    expect(await refusalCode(notifications.client.request(RegisterWebhookCommand, { url: 'ftp://example.org/x', secret: SECRET }, { actor: partner }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(await refusalCode(notifications.client.request(RegisterWebhookCommand, { url, secret: SECRET }, { actor: worker }))).toBe('FORBIDDEN');
  });

  it('signs each delivery, retries a 500 on the schedule, and delivers', async () => {
    const hospital = anActor(['PARTNER_CONTACT'], [], { kind: 'partner-unit', partnerUnitId: 'unit-hospital' });
    await notifications.client.request(RegisterWebhookCommand, { url, secret: SECRET }, { actor: hospital });
    const sender = notifications.service.app.get(WebhookSender);
    const t = await dispatchedTo('unit-hospital');
    const delivery = await queued(t.id);
    const first = delivery.createdAt.getTime();
    answers.push(500, 500);

    expect(await sender.send(new Date(first))).toMatchObject({ failed: 1 });
    expect(await sender.send(new Date(first + 30_000))).toMatchObject({ delivered: 0, failed: 0 });
    expect(await sender.send(new Date(first + 60_000))).toMatchObject({ failed: 1 });
    expect(await sender.send(new Date(first + 300_000))).toMatchObject({ delivered: 1 });
    expect(received).toHaveLength(3);

    const last = received.at(-1)!;
    const timestamp = String(last.headers['x-gov-timestamp']);
    expect(last.headers['x-gov-signature']).toBe(signature(SECRET, timestamp, last.body));
    expect(last.headers['x-gov-event-type']).toBe(TicketDispatchedEvent.subject);
    expect(JSON.parse(last.body)).toMatchObject({ type: TicketDispatchedEvent.subject, data: { id: t.id, handler: { id: 'unit-hospital' } } });
    const stored = await notifications.em().findOneOrFail(WebhookDelivery, { id: delivery.id });
    expect(stored).toMatchObject({ status: 'DELIVERED', attempts: 3 });
  });

  it('dead-letters after the last scheduled attempt', async () => {
    const school = anActor(['PARTNER_CONTACT'], [], { kind: 'partner-unit', partnerUnitId: 'unit-school' });
    await notifications.client.request(RegisterWebhookCommand, { url, secret: SECRET }, { actor: school });
    const sender = notifications.service.app.get(WebhookSender);
    const t = await dispatchedTo('unit-school');
    const delivery = await queued(t.id);
    const first = delivery.createdAt.getTime();
    answers.push(...Array(7).fill(503));
    for (const offset of [0, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000]) await sender.send(new Date(first + offset));
    const stored = await notifications.em().findOneOrFail(WebhookDelivery, { id: delivery.id });
    expect(stored).toMatchObject({ status: 'DEAD_LETTER', attempts: 7, lastError: 'HTTP 503', nextAttemptAt: null });
  });

  it('dead-letters unsent what is still pending after its time-to-live', async () => {
    const clinic = anActor(['PARTNER_CONTACT'], [], { kind: 'partner-unit', partnerUnitId: 'unit-clinic' });
    await notifications.client.request(RegisterWebhookCommand, { url, secret: SECRET }, { actor: clinic });
    const sender = notifications.service.app.get(WebhookSender);
    const t = await dispatchedTo('unit-clinic');
    const delivery = await queued(t.id);
    const first = delivery.createdAt.getTime();
    answers.push(503);
    await sender.send(new Date(first));
    const seen = received.length;
    // The receiver was down for two days and more (WEBHOOK_TTL_HOURS, 48 by default): the stale event is not sent.
    expect(await sender.send(new Date(first + 49 * 3_600_000))).toMatchObject({ deadLettered: 1, delivered: 0 });
    expect(received).toHaveLength(seen);
    const stored = await notifications.em().findOneOrFail(WebhookDelivery, { id: delivery.id });
    expect(stored).toMatchObject({ status: 'DEAD_LETTER', attempts: 1, lastError: 'expired: pending for more than 48 h' });
  });
});
