import type { Actor } from '@gov/contracts-core';
import {
  GetCategoryQuery,
  GetTicketQuery,
  ListCategoriesQuery,
  ListTicketsQuery,
  SubmitTicketCommand,
  type Category,
  type Ticket,
  type TicketStatus,
} from '@gov/contracts-tickets';
import { RpcError, type Logger, type RpcClient } from '@gov/platform';
import express, { type Request, type Response, type Router } from 'express';
import type { GatewayEnv } from '../config';
import { statusOf } from '../http/problem';
import type { RateLimiter } from '../http/rate-limit';

type Open311Key = GatewayEnv['OPEN311_KEYS'][number];

/** Open311 says a request is open or closed; "closed" here means the work is done or the ticket ended. */
const CLOSED: readonly TicketStatus[] = ['RESOLVED', 'RATED', 'CLOSED', 'REJECTED', 'CANCELLED'];

function open311Error(response: Response, status: number, description: string) {
  response.status(status).json([{ code: status, description }]);
}

function actorOf(key: Open311Key): Actor {
  return { kind: 'system', id: `open311:${key.name}`, name: key.name, roles: ['RC_STAFF'], scopes: [`/${key.districtCode}/`] };
}

function serviceOf(category: Category) {
  return {
    service_code: category.code,
    service_name: category.name,
    description: category.description,
    metadata: category.attributes.length > 0,
    type: 'realtime',
    keywords: category.keywords.join(','),
    group: category.group,
  };
}

function requestOf(ticket: Ticket, names: Map<string, string>) {
  const coordinates = ticket.location.coordinates;
  const resolution = ticket.status === 'REJECTED' || ticket.status === 'CANCELLED' ? '未受理或已撤回' : undefined;
  return {
    service_request_id: ticket.id,
    status: CLOSED.includes(ticket.status) ? 'closed' : 'open',
    status_notes: resolution ?? ticket.status,
    service_name: ticket.categoryCode ? (names.get(ticket.categoryCode) ?? ticket.categoryCode) : null,
    service_code: ticket.categoryCode,
    description: ticket.description,
    agency_responsible: ticket.handler?.name ?? ticket.handler?.id ?? null,
    service_notice: null,
    requested_datetime: ticket.reportedAt,
    updated_datetime: ticket.updatedAt,
    expected_datetime: ticket.sla.find((clock) => !clock.metAt)?.dueAt ?? null,
    address: ticket.location.freeText,
    address_id: ticket.location.areaPath,
    zipcode: null,
    lat: coordinates?.lat ?? null,
    long: coordinates?.lng ?? null,
    media_url: ticket.attachments[0]?.url ?? null,
  };
}

/**
 * Open311 GeoReport v2 (JSON) over the tickets service, so a 12345 platform or any Open311 client works
 * unchanged: `jurisdiction_id` is the district code; categories are services; an API key from OPEN311_KEYS
 * is needed to post, and reads without one use the jurisdiction's first key (they carry no personal data).
 */
export function buildOpen311(config: GatewayEnv, rpc: RpcClient, logger: Logger, limiter: RateLimiter): Router {
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: config.BODY_LIMIT_BYTES }));

  const byKey = new Map(config.OPEN311_KEYS.map((key) => [key.key, key]));
  const jurisdictionOf = (request: Request): string | undefined => {
    const asked = String(request.query.jurisdiction_id ?? request.body?.jurisdiction_id ?? '');
    if (asked) return asked;
    const districts = new Set(config.OPEN311_KEYS.map((key) => key.districtCode));
    return districts.size === 1 ? [...districts][0] : undefined;
  };
  const keyFor = (request: Request, response: Response, needed: boolean): Open311Key | undefined => {
    const jurisdiction = jurisdictionOf(request);
    if (!jurisdiction) return void open311Error(response, 400, 'jurisdiction_id is required');
    const presented = String(request.query.api_key ?? request.body?.api_key ?? '');
    let key: Open311Key | undefined;
    if (presented) {
      key = byKey.get(presented);
      if (!key) return void open311Error(response, 403, 'invalid api_key');
      if (key.districtCode !== jurisdiction) return void open311Error(response, 403, 'the api_key is not for this jurisdiction');
    } else {
      if (needed) return void open311Error(response, 403, 'api_key is required');
      key = config.OPEN311_KEYS.find((candidate) => candidate.districtCode === jurisdiction);
      if (!key) return void open311Error(response, 404, `unknown jurisdiction_id ${jurisdiction}`);
    }
    const wait = limiter.take(presented ? `open311:${key.name}` : `ip:${request.ip}`);
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      return void open311Error(response, 429, 'too many requests');
    }
    return key;
  };
  const fail = (response: Response, error: unknown) => {
    if (error instanceof RpcError) {
      const status = statusOf(error.code);
      return open311Error(response, status >= 500 ? status : status === 422 ? 400 : status, `${error.code}: ${error.message}`);
    }
    logger.error({ err: error }, 'open311 failed');
    open311Error(response, 500, 'internal error');
  };
  const categoryNames = async (key: Open311Key) => {
    const { items } = await rpc.request(ListCategoriesQuery, { districtCode: key.districtCode, includeInactive: true }, { actor: actorOf(key) });
    return new Map(items.map((category) => [category.code, category.name]));
  };

  router.get('/services.json', async (request, response) => {
    const key = keyFor(request, response, false);
    if (!key) return;
    try {
      const { items } = await rpc.request(ListCategoriesQuery, { districtCode: key.districtCode }, { actor: actorOf(key) });
      response.json(items.map(serviceOf));
    } catch (error) {
      fail(response, error);
    }
  });

  router.get('/services/:code.json', async (request, response) => {
    const key = keyFor(request, response, false);
    if (!key) return;
    try {
      const category = await rpc.request(GetCategoryQuery, { districtCode: key.districtCode, code: String(request.params.code) }, { actor: actorOf(key) });
      response.json({
        service_code: category.code,
        attributes: category.attributes.map((attribute) => ({
          variable: true,
          code: attribute.code,
          datatype: attribute.datatype,
          required: attribute.required,
          datatype_description: null,
          order: attribute.order,
          description: attribute.description,
          ...(attribute.values ? { values: attribute.values } : {}),
        })),
      });
    } catch (error) {
      fail(response, error);
    }
  });

  router.post('/requests.json', async (request, response) => {
    const key = keyFor(request, response, true);
    if (!key) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (name: string) => (typeof body[name] === 'string' && body[name] !== '' ? (body[name] as string) : undefined);
    const serviceCode = text('service_code');
    if (!serviceCode) return open311Error(response, 400, 'service_code is required');
    try {
      const category = await rpc.request(GetCategoryQuery, { districtCode: key.districtCode, code: serviceCode }, { actor: actorOf(key) });
      // attribute[code]=value, with numbers turned into numbers and repeated keys into lists.
      const attributes: Record<string, string | number | string[]> = {};
      const raw = (body.attribute ?? {}) as Record<string, unknown>;
      const flat = Object.entries(body)
        .filter(([name]) => /^attribute\[.+\]$/.test(name))
        .map(([name, value]) => [name.slice(10, -1), value] as const);
      for (const [code, value] of [...Object.entries(raw), ...flat]) {
        const datatype = category.attributes.find((attribute) => attribute.code === code)?.datatype;
        if (datatype === 'number' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) attributes[code] = Number(value);
        else if (datatype === 'multivaluelist') attributes[code] = Array.isArray(value) ? value.map(String) : String(value).split(',');
        else attributes[code] = Array.isArray(value) ? value.map(String) : String(value);
      }
      const lat = text('lat');
      const long = text('long');
      const addressId = text('address_id');
      const areaPath = addressId?.startsWith(`/${key.districtCode}/`) ? addressId : `/${key.districtCode}/`;
      const accountId = text('account_id');
      const contact = text('phone') ?? text('email');
      const name = [text('last_name'), text('first_name')].filter(Boolean).join('');
      const description = text('description');
      if (!description) return open311Error(response, 400, 'description is required');
      const ticket = await rpc.request(
        SubmitTicketCommand,
        {
          channel: key.channel,
          reporter: accountId
            ? { type: 'RESIDENT', personId: `open311:${key.name}:${accountId}`, ...(name ? { name } : {}), ...(contact ? { contact } : {}) }
            : { type: 'ANONYMOUS' },
          location: {
            areaPath,
            freeText: text('address_string') ?? (lat && long ? `${lat},${long}` : '未提供地址'),
            ...(lat && long ? { coordinates: { lat: Number(lat), lng: Number(long) } } : {}),
          },
          categoryCode: serviceCode,
          attributes,
          title: category.name,
          description,
          attachments: text('media_url') ? [{ url: text('media_url')!, type: 'image/*', size: 0 }] : [],
        },
        { actor: actorOf(key) },
      );
      response.status(201).json([{ service_request_id: ticket.id, service_notice: '已受理，将按时限处理 / Received', account_id: accountId ?? null }]);
    } catch (error) {
      fail(response, error);
    }
  });

  router.get('/requests.json', async (request, response) => {
    const key = keyFor(request, response, false);
    if (!key) return;
    const query = request.query as Record<string, string | undefined>;
    try {
      const status = query.status?.split(',');
      const statuses = status && !(status.includes('open') && status.includes('closed'))
        ? status.includes('closed')
          ? [...CLOSED]
          : (['SUBMITTED', 'ACKNOWLEDGED', 'TRIAGED', 'DISPATCHED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT', 'DEFERRED', 'ESCALATED', 'REOPENED'] as TicketStatus[])
        : undefined;
      const ninetyDays = 90 * 86_400_000;
      const end = query.end_date ? new Date(query.end_date) : new Date();
      const start = query.start_date ? new Date(query.start_date) : new Date(end.getTime() - ninetyDays);
      if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return open311Error(response, 400, 'start_date and end_date must be ISO 8601');
      const ids = query.service_request_id?.split(',').filter(Boolean);
      const page = await rpc.request(
        ListTicketsQuery,
        {
          ...(ids ? { ids: ids as never } : { reportedFrom: start.toISOString(), reportedTo: end.toISOString() }),
          areaPath: `/${key.districtCode}/`,
          ...(query.service_code ? { categoryCode: query.service_code } : {}),
          ...(statuses ? { statuses } : {}),
          limit: 1_000,
        },
        { actor: actorOf(key) },
      );
      const names = await categoryNames(key);
      response.json(page.items.map((ticket) => requestOf(ticket, names)));
    } catch (error) {
      fail(response, error);
    }
  });

  router.get('/requests/:id.json', async (request, response) => {
    const key = keyFor(request, response, false);
    if (!key) return;
    try {
      const ticket = await rpc.request(GetTicketQuery, { id: String(request.params.id) as never }, { actor: actorOf(key) });
      if (!ticket.location.areaPath.startsWith(`/${key.districtCode}/`)) {
        return open311Error(response, 404, 'no such request in this jurisdiction');
      }
      response.json([requestOf(ticket, await categoryNames(key))]);
    } catch (error) {
      fail(response, error);
    }
  });

  // Requests get their id at once, so a token is the id itself.
  router.get('/tokens/:token.json', async (request, response) => {
    const key = keyFor(request, response, false);
    if (!key) return;
    try {
      const ticket = await rpc.request(GetTicketQuery, { id: String(request.params.token) as never }, { actor: actorOf(key) });
      response.json([{ service_request_id: ticket.id, token: String(request.params.token) }]);
    } catch (error) {
      fail(response, error);
    }
  });

  router.use((_request, response) => open311Error(response, 404, 'no such Open311 endpoint'));
  return router;
}
