import { z } from 'zod';
import { Actor, covers, defineCommand, defineErrors, defineEvent, inScope, inScopeOrAncestor, owningService } from './index';

describe('contract definitions', () => {
  it.each(['party.area.create', 'tickets.ticket.dispatch', 'party.organisation.get-tree'])('accepts request subject %s', (subject) => {
    expect(() => defineCommand({ subject, description: '', request: z.object({}), response: z.object({}) })).not.toThrow();
  });
  it.each(['party.area', 'Party.area.create', 'evt.party.area.created.v1', 'party.area.create.now'])('refuses request subject %s', (subject) => {
    expect(() => defineCommand({ subject, description: '', request: z.object({}), response: z.object({}) })).toThrow();
  });
  it.each([
    ['evt.party.area.created.v1', true],
    ['evt.tickets.ticket.sla-warned.v2', true],
    ['evt.party.area.created', false],
    ['party.area.created.v1', false],
  ])('event subject %s valid: %s', (subject, valid) => {
    const define = () => defineEvent({ subject, description: '', payload: z.object({}) });
    if (valid) expect(define).not.toThrow();
    else expect(define).toThrow();
  });
  it('knows the owning service of a subject', () => {
    expect(owningService('party.area.create')).toBe('party');
    expect(owningService('evt.tickets.ticket.closed.v1')).toBe('tickets');
  });
  it('requires SERVICE.SCREAMING_SNAKE error codes', () => {
    expect(() => defineErrors('party', { 'PARTY.OK_CODE': { status: 409, zh: '', en: '' } })).not.toThrow();
    expect(() => defineErrors('party', { 'TICKETS.WRONG_SERVICE': { status: 409, zh: '', en: '' } })).toThrow();
    expect(() => defineErrors('party', { 'PARTY.lower': { status: 409, zh: '', en: '' } })).toThrow();
  });
});

describe('area scopes', () => {
  const secretary = Actor.parse({ kind: 'user', id: 'u1', roles: ['PARTY_SECRETARY'], scopes: ['/310117/310117006/'] });
  it.each([
    ['/310117/310117006/', true],
    ['/310117/310117006/C1/G1/', true],
    ['/310117/', false],
    ['/310117/3101170060/', false],
    ['/310117/310117007/', false],
  ])('scope covers %s: %s', (path, expected) => expect(inScope(secretary, path)).toBe(expected));
  it('lets one see the chain above one’s scope but not its siblings', () => {
    expect(inScopeOrAncestor(secretary, '/310117/')).toBe(true);
    expect(inScopeOrAncestor(secretary, '/310117/310117007/')).toBe(false);
    expect(covers('/', '/anything/')).toBe(true);
  });
  it('rejects a malformed scope in an actor', () => {
    expect(Actor.safeParse({ kind: 'user', id: 'u', roles: [], scopes: ['310117'] }).success).toBe(false);
    expect(Actor.safeParse({ kind: 'user', id: 'u', roles: ['KING'], scopes: [] }).success).toBe(false);
  });
});
