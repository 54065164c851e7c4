import { AreaCreatedEvent, CreateAreaCommand } from '@gov/contracts-party';
import type { EventContract } from '@gov/contracts-core';
import { ConsumerRunner, createLogger, streamNameForSubject } from '@gov/platform';
import { aDistrictOperator, bootService, type ServiceUnderTest } from '@gov/testing';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { partyService } from './service';

/** The platform's JetStream consumer runner, fed by the party service's real outbox and stream. */
describe('JetStream consumer runner (durable, idempotent, ack/nak/term)', () => {
  let sut: ServiceUnderTest;
  let runner: ConsumerRunner<EventContract>;
  const applied: string[] = [];
  let failNext = 0;

  beforeAll(async () => {
    sut = await bootService(partyService);
    runner = new ConsumerRunner(
      {
        consumer: 'probe',
        event: AreaCreatedEvent,
        concurrency: 4,
        handle: async (em, payload: { id: string; code: string }) => {
          await em.execute('select 1');
          if (payload.code.startsWith('FAIL') && failNext > 0) {
            failNext--;
            throw new Error('transient failure');
          }
          applied.push(payload.id);
        },
      },
      { orm: sut.service.orm, nc: sut.nc, prefix: sut.prefix, logger: createLogger('probe', 'silent') },
    );
    runner.start();
  });
  afterAll(async () => {
    await runner?.stop();
    await sut?.stop();
  });

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(check()).toBe(true);
  };

  it('uses the durable name <consumer>-<service>-<aggregate>-<past>-v<N>', () => {
    expect(runner.durable).toBe('probe-party-area-created-v1');
  });

  it('applies each event once, even when the same event is delivered again', async () => {
    const area = await sut.client.request(CreateAreaCommand, { code: 'CONS1', name: '区', type: 'DISTRICT' }, { actor: aDistrictOperator() });
    await until(() => applied.includes(area.id));
    const original = await sut.spy.waitFor(AreaCreatedEvent.subject, (e) => e.data.id === area.id);
    // A second copy under another msgID (past the stream's dedupe window, say): same CloudEvents id.
    const h = natsHeaders();
    for (const [name, value] of Object.entries(original.headers)) h.set(name, value);
    await jetstream(sut.nc).publish(`${sut.prefix}${AreaCreatedEvent.subject}`, JSON.stringify(original.data), { headers: h, msgID: 'replay-1' });
    await until(() => runner.duplicates >= 1);
    expect(applied.filter((id) => id === area.id)).toHaveLength(1);
    const [row] = await sut.em().execute('select count(*)::int as n from processed_message where consumer = ?', [runner.durable]);
    expect(row.n).toBeGreaterThanOrEqual(1);
  });

  it('naks a failing handler and applies the event on redelivery', async () => {
    failNext = 1;
    const area = await sut.client.request(CreateAreaCommand, { code: 'FAIL1', name: '区', type: 'DISTRICT' }, { actor: aDistrictOperator() });
    await until(() => applied.includes(area.id));
    expect(failNext).toBe(0);
    expect(applied.filter((id) => id === area.id)).toHaveLength(1);
  });

  it('terminates an event that breaks its contract instead of retrying it forever', async () => {
    const before = runner.handled;
    await jetstream(sut.nc).publish(`${sut.prefix}${AreaCreatedEvent.subject}`, JSON.stringify({ id: 'not-an-area' }), { msgID: 'bad-1' });
    const ok = await sut.client.request(CreateAreaCommand, { code: 'CONS2', name: '区', type: 'DISTRICT' }, { actor: aDistrictOperator() });
    await until(() => applied.includes(ok.id));
    expect(runner.handled).toBe(before + 1);
    expect(streamNameForSubject(sut.prefix, AreaCreatedEvent.subject)).toMatch(/_PARTY$/);
  });
});
