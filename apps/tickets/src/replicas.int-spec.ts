import { AcknowledgeTicketCommand, GetTicketQuery, SubmitTicketCommand } from '@gov/contracts-tickets';
import { startService, type RunningService } from '@gov/platform';
import { anActor, aGridWorker, bootService, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from './service';

const GRID = '/310117/310117001/310117001001/G01/';

async function answered(service: RunningService): Promise<number> {
  const metric = await service.metrics.registry.getSingleMetric('gov_rpc_requests_total')!.get();
  return metric.values.reduce((sum, value) => sum + value.value, 0);
}

/** What operations rely on when they scale the ticket service: replicas share the queue group and the data. */
describe('tickets: two replicas behind one queue group', () => {
  let sut: ServiceUnderTest;
  let second: RunningService;

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0' } });
    second = await startService(ticketsService, sut.env);
  });
  afterAll(async () => {
    await second?.stop();
    await sut?.stop();
  });

  it('shares the requests between both replicas, and either answers for any ticket', async () => {
    const worker = aGridWorker(GRID);
    const resident = anActor(['RESIDENT'], [GRID], { id: 'resident-replicas' });
    const before = [await answered(sut.service), await answered(second)];
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        sut.client.request(
          SubmitTicketCommand,
          { channel: 'PHONE', reporter: { type: 'RESIDENT', personId: resident.id }, location: { areaPath: GRID, freeText: `${i}号` }, title: '报修', description: '报修' },
          { actor: worker },
        ),
      ),
    );
    for (const ticket of created) {
      expect((await sut.client.request(GetTicketQuery, { id: ticket.id }, { actor: worker })).id).toBe(ticket.id);
    }
    const after = [await answered(sut.service), await answered(second)];
    expect(after[0] - before[0]).toBeGreaterThan(0);
    expect(after[1] - before[1]).toBeGreaterThan(0);
    expect(after[0] - before[0] + (after[1] - before[1])).toBe(80);

    // The optimistic lock holds across replicas too: of concurrent moves on one ticket, one wins.
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        sut.client.request(AcknowledgeTicketCommand, { id: created[0].id, expectedVersion: 1 }, { actor: aGridWorker(GRID) }).then((t) => [t, i]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
