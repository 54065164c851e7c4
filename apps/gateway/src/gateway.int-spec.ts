import { AreaCreatedEvent, OrganisationCreatedEvent } from '@gov/contracts-party';
import {
  AcknowledgeTicketCommand,
  DefineCategoryCommand,
  DispatchTicketCommand,
  ResolveTicketCommand,
  StartTicketCommand,
  TriageTicketCommand,
} from '@gov/contracts-tickets';
import { aDistrictOperator, anActor, bootServiceProcess, type ProcessServiceUnderTest } from '@gov/testing';
import { Authenticator } from './auth/authenticator';
import { startGateway, type RunningGateway } from './gateway';

const readJson = (response: Response): Promise<any> => response.json();

const SECRET = 'test-secret-test-secret-test-secret-0001';
const OPEN311_KEY = 'open311-hotline-key-0001';

describe('gateway → NATS → party → PostgreSQL → outbox → JetStream', () => {
  let party: ProcessServiceUnderTest;
  let tickets: ProcessServiceUnderTest;
  let notifications: ProcessServiceUnderTest;
  let gateway: RunningGateway;
  let operatorToken: string;

  const call = (method: string, path: string, options: { token?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? operatorToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
    return fetch(`${gateway.url}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  };

  beforeAll(async () => {
    party = await bootServiceProcess({ service: 'party', main: 'apps/party/src/main.ts', migrate: 'apps/party/src/migrate.ts' });
    tickets = await bootServiceProcess({
      service: 'tickets',
      main: 'apps/tickets/src/main.ts',
      migrate: 'apps/tickets/src/migrate.ts',
      prefix: party.prefix,
    });
    notifications = await bootServiceProcess({
      service: 'notifications',
      main: 'apps/notifications/src/main.ts',
      migrate: 'apps/notifications/src/migrate.ts',
      prefix: party.prefix,
    });
    gateway = await startGateway({
      NATS_URL: party.natsUrl,
      NATS_SUBJECT_PREFIX: party.prefix,
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '1000',
      OPEN311_KEYS: JSON.stringify([{ key: OPEN311_KEY, name: 'hotline-12345', districtCode: '310117' }]),
    });
    operatorToken = await Authenticator.sign(SECRET, { sub: 'op-1', roles: ['DISTRICT_OPERATOR'], scopes: ['/'] });
  });
  afterAll(async () => {
    await gateway?.stop();
    await notifications?.stop();
    await tickets?.stop();
    await party?.stop();
  });

  it('takes a resident demand over HTTP and moves it through its lifecycle', async () => {
    const residentToken = await Authenticator.sign(SECRET, { sub: 'resident-1', roles: ['RESIDENT'], scopes: ['/310117/C1/G1/'] });
    const workerToken = await Authenticator.sign(SECRET, { sub: 'worker-1', roles: ['GRID_WORKER'], scopes: ['/310117/C1/G1/'] });
    const submitted = await call('POST', '/api/v1/tickets', {
      token: residentToken,
      body: {
        channel: 'GRID_QR',
        reporter: { type: 'RESIDENT', personId: 'resident-1' },
        location: { areaPath: '/310117/C1/G1/', freeText: '171号楼' },
        title: '路灯不亮',
        description: '171号楼前路灯不亮三天了',
      },
    });
    expect(submitted.status).toBe(201);
    const ticket = await readJson(submitted);
    const early = await call('POST', `/api/v1/tickets/${ticket.id}/start`, { token: workerToken, body: {} });
    expect(early.status).toBe(409);
    expect((await readJson(early)).code).toBe('TICKETS.TRANSITION_NOT_ALLOWED');
    const acknowledged = await call('POST', `/api/v1/tickets/${ticket.id}/acknowledge`, { token: workerToken, body: { expectedVersion: 1 } });
    expect(acknowledged.status).toBe(200);
    expect(await readJson(acknowledged)).toMatchObject({ status: 'ACKNOWLEDGED', firstContactOwnerId: 'worker-1' });
    const history = await readJson(await call('GET', `/api/v1/tickets/${ticket.id}/history`, { token: residentToken }));
    expect(history.items.map((h: { action: string }) => h.action)).toEqual(['submit', 'acknowledge']);
  });

  it('creates an area and an organisation over HTTP; the events reach JetStream with the correlation id', async () => {
    const created = await call('POST', '/api/v1/areas', {
      body: { code: '310117', name: '松江区', type: 'DISTRICT' },
      headers: { 'x-correlation-id': 'flow-0001' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-correlation-id')).toBe('flow-0001');
    const district = await readJson(created);
    expect(district).toMatchObject({ code: '310117', path: '/310117/' });

    const event = await party.spy.waitFor(AreaCreatedEvent.subject, (e) => e.data.id === district.id);
    expect(event.headers['x-correlation-id']).toBe('flow-0001');

    const fetched = await call('GET', `/api/v1/areas/${district.id}`);
    expect(fetched.status).toBe(200);
    expect(await readJson(fetched)).toEqual(district);

    const org = await call('POST', '/api/v1/organisations', {
      body: { name: '中共松江区委', type: 'DISTRICT_COMMITTEE', areaId: district.id, secretary: { name: '书记' } },
    });
    expect(org.status).toBe(201);
    const orgBody = await readJson(org);
    await party.spy.waitFor(OrganisationCreatedEvent.subject, (e) => e.data.id === orgBody.id);
    const tree = await call('GET', `/api/v1/organisations/${orgBody.id}/tree`);
    expect((await readJson(tree)).children).toEqual([]);

    const subtree = await call('GET', `/api/v1/areas/${district.id}/subtree?limit=10&includeClosed=false`);
    expect(subtree.status).toBe(200);
    expect((await readJson(subtree)).items).toHaveLength(1);
  });

  it('serves Open311 GeoReport v2 to a client that knows only the spec', async () => {
    await tickets.client.request(
      DefineCategoryCommand,
      {
        districtCode: '310117',
        code: 'STREETLIGHT',
        name: '路灯故障',
        description: '公共照明',
        group: '市政设施',
        keywords: ['路灯', '照明'],
        defaultLevel: 'L2_ROUTINE',
        attributes: [
          { code: 'pole', description: '灯杆编号', datatype: 'string', required: true, order: 0 },
          { code: 'count', description: '不亮的盏数', datatype: 'number', required: false, order: 1 },
        ],
      },
      { actor: aDistrictOperator('/310117/') },
    );
    const base = `${gateway.url}/open311/v2`;
    const services = await readJson(await fetch(`${base}/services.json?jurisdiction_id=310117`));
    expect(services).toEqual([
      { service_code: 'STREETLIGHT', service_name: '路灯故障', description: '公共照明', metadata: true, type: 'realtime', keywords: '路灯,照明', group: '市政设施' },
    ]);
    const definition = await readJson(await fetch(`${base}/services/STREETLIGHT.json?jurisdiction_id=310117`));
    expect(definition.attributes.map((a: { code: string; required: boolean }) => [a.code, a.required])).toEqual([['pole', true], ['count', false]]);

    const form = (fields: Record<string, string>) =>
      fetch(`${base}/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
    const fields = {
      api_key: OPEN311_KEY,
      jurisdiction_id: '310117',
      service_code: 'STREETLIGHT',
      description: '荣乐东路路灯不亮',
      lat: '31.0235',
      long: '121.2267',
      address_string: '荣乐东路 88 号',
      'attribute[pole]': 'RL-088',
      'attribute[count]': '2',
    };
    expect((await form({ ...fields, api_key: '' })).status).toBe(403);
    const missing = await form({ ...fields, 'attribute[pole]': '' });
    expect(missing.status).toBe(400);
    expect((await readJson(missing))[0].description).toMatch(/TICKETS.ATTRIBUTE_REQUIRED/);
    expect((await form({ ...fields, service_code: 'NOPE' })).status).toBe(400);
    const posted = await form(fields);
    expect(posted.status).toBe(201);
    const [{ service_request_id: id }] = await readJson(posted);

    const fetched = await readJson(await fetch(`${base}/requests/${id}.json?jurisdiction_id=310117`));
    expect(fetched[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'STREETLIGHT', service_name: '路灯故障', lat: 31.0235, long: 121.2267, address: '荣乐东路 88 号' });
    expect(await readJson(await fetch(`${base}/tokens/${id}.json?jurisdiction_id=310117`))).toEqual([{ service_request_id: id, token: id }]);

    // The street team works it to a result…
    const worker = anActor(['GRID_WORKER'], ['/310117/'], { id: 'worker-open311' });
    const electrician = anActor(['PROPERTY_STAFF'], ['/310117/'], { id: 'electrician-1' });
    await tickets.client.request(AcknowledgeTicketCommand, { id }, { actor: worker });
    await tickets.client.request(TriageTicketCommand, { id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await tickets.client.request(DispatchTicketCommand, { id, handler: { kind: 'PERSON', id: electrician.id, name: '城运中心' } }, { actor: worker });
    await tickets.client.request(StartTicketCommand, { id }, { actor: electrician });
    await tickets.client.request(ResolveTicketCommand, { id, summary: '已更换灯泡' }, { actor: electrician });

    // …and the Open311 client sees the status change.
    const after = await readJson(await fetch(`${base}/requests/${id}.json?jurisdiction_id=310117`));
    expect(after[0]).toMatchObject({ status: 'closed', agency_responsible: '城运中心' });
    const closed = await readJson(await fetch(`${base}/requests.json?jurisdiction_id=310117&status=closed`));
    expect(closed.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    const open = await readJson(await fetch(`${base}/requests.json?jurisdiction_id=310117&status=open&service_code=STREETLIGHT`));
    expect(open.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(id);
    expect((await fetch(`${base}/services.json?jurisdiction_id=999999`)).status).toBe(404);
  });

  it('serves my preferences, notices and visit lists through the notifications service', async () => {
    const resident = await Authenticator.sign(SECRET, { sub: 'resident-http', roles: ['RESIDENT'], scopes: ['/310117/'] });
    const badLocale = await call('PUT', '/api/v1/me/preferences', { token: resident, body: { locale: 'fr' } });
    expect(badLocale.status).toBe(400);
    expect((await readJson(badLocale)).errors.map((e: { path: string }) => e.path)).toEqual(['locale']);
    const set = await call('PUT', '/api/v1/me/preferences', { token: resident, body: { locale: 'en', quietHours: { start: '22:00', end: '07:00' } } });
    expect(set.status).toBe(200);
    expect(await readJson(await call('GET', '/api/v1/me/preferences', { token: resident }))).toMatchObject({ personId: 'resident-http', locale: 'en' });
    const unknown = await call('POST', '/api/v1/notices', {
      body: { kind: 'GENERAL', audience: { areaPath: '/999999/' }, content: { 'zh-CN': { title: '通知', body: '内容' } } },
    });
    expect(unknown.status).toBe(422);
    expect(await readJson(unknown)).toMatchObject({ code: 'NOTIFICATIONS.UNKNOWN_AUDIENCE', details: { field: 'audience.areaPath' } });
    const tasks = await call('GET', '/api/v1/door-to-door-tasks?openOnly=true', { token: resident });
    expect(await readJson(tasks)).toEqual({ items: [] });
  });

  it('honours Idempotency-Key on creates', async () => {
    const body = { code: 'IK1', name: '泖港镇', type: 'DISTRICT' };
    const first = await readJson(await call('POST', '/api/v1/areas', { body, headers: { 'idempotency-key': 'http-idem-0001' } }));
    const second = await readJson(await call('POST', '/api/v1/areas', { body, headers: { 'idempotency-key': 'http-idem-0001' } }));
    expect(second.id).toBe(first.id);
  });

  describe('errors are problem+json with a stable code, never a 500', () => {
    async function problem(response: Response) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      return readJson(response);
    }

    it.each([
      ['malformed JSON', () => call('POST', '/api/v1/areas', { raw: '{"code": "x",' }), 400, 'MALFORMED_JSON'],
      ['wrong types', () => call('POST', '/api/v1/areas', { body: { code: 7, name: [], type: 'CITY' } }), 400, 'VALIDATION_FAILED'],
      ['a bad id in the path', () => call('GET', '/api/v1/areas/not-a-uuid'), 400, 'VALIDATION_FAILED'],
      ['an unknown id', () => call('GET', '/api/v1/areas/00000000-0000-4000-8000-000000000000'), 404, 'PARTY.AREA_NOT_FOUND'],
      ['a missing token', () => call('GET', '/api/v1/areas/00000000-0000-4000-8000-000000000000', { token: null }), 401, 'UNAUTHENTICATED'],
      ['a bad token', () => call('GET', '/api/v1/areas/00000000-0000-4000-8000-000000000000', { token: 'abc.def.ghi' }), 401, 'UNAUTHENTICATED'],
      ['an unknown route', () => call('GET', '/api/v1/nothing'), 404, 'NOT_FOUND'],
      ['a body that is not JSON', () => call('POST', '/api/v1/areas', { raw: 'code=1', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['an oversized body', () => call('POST', '/api/v1/areas', { body: { name: 'x'.repeat(300_000) } }), 413, 'PAYLOAD_TOO_LARGE'],
    ])('%s → %i %s', async (_label, send, status, code) => {
      const response = await send();
      expect(response.status).toBe(status);
      const body = await problem(response);
      expect(body).toMatchObject({ status, code });
      expect(typeof body.title).toBe('string');
    });

    it('names the offending fields', async () => {
      const body = await problem(await call('POST', '/api/v1/areas', { body: { code: 'ok', name: '', type: 'DISTRICT' } }));
      expect(body.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    });

    it('refuses a token whose scope lies outside the record with 403 FORBIDDEN', async () => {
      const district = await readJson(await call('POST', '/api/v1/areas', { body: { code: 'SC1', name: '青浦区', type: 'DISTRICT' } }));
      const outsider = await Authenticator.sign(SECRET, { sub: 'sec-2', roles: ['PARTY_SECRETARY'], scopes: ['/elsewhere/'] });
      const response = await call('GET', `/api/v1/areas/${district.id}`, { token: outsider });
      expect(response.status).toBe(403);
      expect((await problem(response)).code).toBe('FORBIDDEN');
    });

    it('speaks English when asked', async () => {
      const body = await problem(await call('GET', '/api/v1/areas/00000000-0000-4000-8000-000000000000', { headers: { 'accept-language': 'en-GB' } }));
      expect(body.title).toBe('The area does not exist');
    });

    it('keeps serving after all of that, and counts it in /metrics', async () => {
      expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
      expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/gov_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/areas\/:id"[^}]*status="404"/);
      expect(metrics).toContain('process_cpu_user_seconds_total');
    });
  });

  it('serves OpenAPI 3.1 generated from the contracts, and the docs page', async () => {
    const spec = await readJson(await fetch(`${gateway.url}/openapi.json`));
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/areas', '/api/v1/areas/{id}', '/api/v1/organisations/{id}/tree', '/api/v1/tickets', '/api/v1/me/inbox', '/api/v1/tickets/{id}/notes']),
    );
    expect(spec.paths['/api/v1/areas'].post.requestBody.content['application/json'].schema.properties.type.enum).toContain('DISTRICT');
    expect(spec.paths['/api/v1/areas/{id}'].get.responses['404']).toBeDefined();
    const docs = await fetch(`${gateway.url}/docs`);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${gateway.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('has no development token endpoint unless DEV_TOKENS is set', async () => {
    const response = await fetch(`${gateway.url}/dev/token`, { method: 'POST' });
    expect(response.status).toBe(404);
  });
});

describe('gateway rate limits and development tokens', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway({
      NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: 'tgwlimit.',
      PORT: '0',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      DEV_TOKENS: 'true',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '3',
      RPC_TIMEOUT_MS: '500',
    });
  });
  afterAll(() => gateway?.stop());

  it('issues development tokens when enabled, and limits each identity', async () => {
    const issued = await fetch(`${gateway.url}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'limit-me', roles: ['RESIDENT'], scopes: ['/310117/'] }),
    });
    const { token } = await readJson(issued);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${gateway.url}/api/v1/areas/00000000-0000-4000-8000-000000000000`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get('retry-after')).toBeTruthy();
        expect((await readJson(response)).code).toBe('RATE_LIMITED');
      }
    }
    // No party service listens under this prefix: the first three get 503 UNAVAILABLE, the fourth is limited.
    expect(statuses).toEqual([503, 503, 503, 429]);
  });
});
