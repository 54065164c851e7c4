import {
  AcknowledgeTicketCommand,
  ClaimTicketCommand,
  DispatchTicketCommand,
  SetDutyRosterCommand,
  SubmitTicketCommand,
  TicketHistoryQuery,
  TransferOwnershipCommand,
  TriageTicketCommand,
  type Ticket,
} from '@gov/contracts-tickets';
import { anActor, aGridWorker, aPartySecretary, bootService, refusalCode, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from '../service';

const COMMUNITY = '/310117/310117001/310117001001/';
const GRID = `${COMMUNITY}G01/`;
const worker = aGridWorker(GRID);
const secretary = aPartySecretary(COMMUNITY);

describe('tickets: dispatch modes, capacity and first-contact ownership', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0', MAX_OPEN_PER_HANDLER: '2' } });
  });
  afterAll(() => sut?.stop());

  async function triaged(): Promise<Ticket> {
    const t = await sut.client.request(
      SubmitTicketCommand,
      { channel: 'WALK_IN', reporter: { type: 'RESIDENT', personId: 'r-d' }, location: { areaPath: GRID, freeText: '服务站' }, title: '咨询', description: '咨询补贴政策' },
      { actor: worker },
    );
    await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    return sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
  }

  it('lets staff of the area claim a triaged ticket (抢单), up to the maximum they may hold', async () => {
    const grabber = anActor(['PROPERTY_STAFF'], [GRID], { id: 'grabber', name: '赵师傅' });
    const first = await sut.client.request(ClaimTicketCommand, { id: (await triaged()).id }, { actor: grabber });
    expect(first).toMatchObject({ status: 'DISPATCHED', handler: { kind: 'PERSON', id: 'grabber', name: '赵师傅' } });
    await sut.client.request(ClaimTicketCommand, { id: (await triaged()).id }, { actor: grabber });
    expect(await refusalCode(sut.client.request(ClaimTicketCommand, { id: (await triaged()).id }, { actor: grabber }))).toBe(
      'TICKETS.HANDLER_AT_CAPACITY',
    );
    const outsider = anActor(['PROPERTY_STAFF'], ['/310117/310117002/'], { id: 'outsider' });
    expect(await refusalCode(sut.client.request(ClaimTicketCommand, { id: (await triaged()).id }, { actor: outsider }))).toBe('FORBIDDEN');
  });

  it('refuses to assign more than a handler may hold, and needs a handler to assign', async () => {
    const full = { kind: 'PERSON' as const, id: 'full-handler' };
    await sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, handler: full }, { actor: worker });
    await sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, handler: full }, { actor: worker });
    expect(await refusalCode(sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, handler: full }, { actor: worker }))).toBe(
      'TICKETS.HANDLER_AT_CAPACITY',
    );
    expect(await refusalCode(sut.client.request(DispatchTicketCommand, { id: (await triaged()).id }, { actor: worker }))).toBe(
      'TICKETS.HANDLER_REQUIRED',
    );
  });

  it('dispatches round-robin among the handlers on duty, skipping the full ones', async () => {
    expect(await refusalCode(sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, mode: 'ROUND_ROBIN' }, { actor: worker }))).toBe(
      'TICKETS.NO_HANDLER_ON_DUTY',
    );
    const onDuty = [
      { kind: 'PERSON' as const, id: 'duty-a' },
      { kind: 'PROPERTY_COMPANY' as const, id: 'duty-company', name: '绿城物业' },
    ];
    expect(await refusalCode(sut.client.request(SetDutyRosterCommand, { areaPath: COMMUNITY, handlers: onDuty }, { actor: worker }))).toBe('FORBIDDEN');
    await sut.client.request(SetDutyRosterCommand, { areaPath: COMMUNITY, handlers: onDuty }, { actor: secretary });
    const picked: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, mode: 'ROUND_ROBIN' }, { actor: worker });
      picked.push(t.handler!.id);
    }
    expect(picked).toEqual(['duty-a', 'duty-company', 'duty-a', 'duty-company']);
    // Both now hold their maximum of 2.
    expect(await refusalCode(sut.client.request(DispatchTicketCommand, { id: (await triaged()).id, mode: 'ROUND_ROBIN' }, { actor: worker }))).toBe(
      'TICKETS.NO_HANDLER_ON_DUTY',
    );
  });

  it('sends a RED (public matter) ticket only to a department', async () => {
    const red = await sut.client.request(
      SubmitTicketCommand,
      { channel: 'PATROL', reporter: { type: 'STAFF', personId: worker.id }, location: { areaPath: GRID, freeText: '沿街' }, title: '护栏挡路', description: '花坛护栏挡住商铺通道' },
      { actor: worker },
    );
    await sut.client.request(AcknowledgeTicketCommand, { id: red.id }, { actor: worker });
    await sut.client.request(TriageTicketCommand, { id: red.id, responseLevel: 'L3_COMPLEX', triageColour: 'RED' }, { actor: worker });
    expect(
      await refusalCode(sut.client.request(DispatchTicketCommand, { id: red.id, handler: { kind: 'PROPERTY_COMPANY', id: 'pm-x' } }, { actor: worker })),
    ).toBe('TICKETS.RED_NEEDS_DEPARTMENT');
    expect(await refusalCode(sut.client.request(ClaimTicketCommand, { id: red.id }, { actor: worker }))).toBe('TICKETS.RED_NEEDS_DEPARTMENT');
    const sent = await sut.client.request(DispatchTicketCommand, { id: red.id, handler: { kind: 'DEPARTMENT', id: 'dept-urban' } }, { actor: worker });
    expect(sent.handler).toEqual({ kind: 'DEPARTMENT', id: 'dept-urban' });
  });

  it('keeps first-contact ownership with the receiver; only a supervisor transfers it, with a reason', async () => {
    const t = await triaged();
    expect(t.firstContactOwnerId).toBe(worker.id);
    const colleague = aGridWorker(GRID);
    expect(await refusalCode(sut.client.request(TransferOwnershipCommand, { id: t.id, newOwnerId: colleague.id, reason: '换岗' }, { actor: worker }))).toBe(
      'FORBIDDEN',
    );
    const moved = await sut.client.request(TransferOwnershipCommand, { id: t.id, newOwnerId: colleague.id, reason: '原网格员调岗' }, { actor: secretary });
    expect(moved).toMatchObject({ status: 'TRIAGED', firstContactOwnerId: colleague.id });
    const history = await sut.client.request(TicketHistoryQuery, { id: t.id }, { actor: secretary });
    expect(history.items.at(-1)).toMatchObject({ action: 'transfer-ownership', reason: '原网格员调岗', actorId: secretary.id });
    // The new owner now acts as owner; the old one no longer does.
    expect((await sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: 'h-new' } }, { actor: colleague })).status).toBe('DISPATCHED');
  });
});
