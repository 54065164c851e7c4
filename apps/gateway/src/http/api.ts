import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Headers, issuesOf } from '@gov/contracts-core';
import { DomainError, Metrics, RpcError, seriesCache, type Logger, type RpcClient } from '@gov/platform';
import { Histogram } from 'prom-client';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { Authenticator, TokenClaims } from '../auth/authenticator';
import type { GatewayEnv } from '../config';
import { buildOpen311 } from '../open311/open311';
import { buildOpenApi } from './openapi';
import { sendProblem } from './problem';
import { RateLimiter } from './rate-limit';
import { pathParams, routes, type Route } from './routes';

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query strings are text; turn each into what the contract field expects before validating. */
function coerceQuery(schema: z.ZodType, query: Request['query']): Record<string, unknown> {
  const shape = (schema as unknown as z.ZodObject).shape ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(query)) {
    let field = shape[name] as z.ZodType | undefined;
    while (field && ['optional', 'default', 'nullable'].includes(field._zod.def.type)) {
      field = (field._zod.def as unknown as { innerType: z.ZodType }).innerType;
    }
    const kind = field?._zod.def.type;
    const value = raw as string | string[];
    if (kind === 'array') out[name] = Array.isArray(value) ? value : String(value).split(',');
    else if (Array.isArray(value)) out[name] = value;
    else if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(value)) out[name] = Number(value);
    else if (kind === 'boolean' && (value === 'true' || value === 'false')) out[name] = value === 'true';
    else out[name] = value;
  }
  return out;
}

export interface ApiDeps {
  config: GatewayEnv;
  rpc: RpcClient;
  logger: Logger;
  ready: () => Promise<boolean>;
}

/** The HTTP edge: correlation ids, JSON bodies, docs, authentication, rate limits and the contract routes. */
export function buildApi({ config, rpc, logger, ready }: ApiDeps): Router {
  const router = express.Router();
  const authenticator = new Authenticator(config);
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const openapi = buildOpenApi(routes, { devTokens: config.DEV_TOKENS });
  const metrics = new Metrics('gateway');
  const httpDuration = new Histogram({
    name: 'gov_http_request_duration_seconds',
    help: 'HTTP requests answered by the gateway, by route template, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  // Route templates, methods and statuses are few: each labelled series is looked up once.
  const httpSeries = seriesCache((route, method, status) => httpDuration.labels({ route, method, status }));

  router.use((request, response, next) => {
    const incoming = request.header(Headers.correlationId);
    response.setHeader(Headers.correlationId, incoming && CORRELATION.test(incoming) ? incoming : randomUUID());
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request.route?.path as string | undefined) ?? 'unmatched';
      httpSeries(route, request.method, String(response.statusCode)).observe(Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });

  // Open311 has its own form-encoded bodies and error format.
  router.use('/open311/v2', buildOpen311(config, rpc, logger, limiter));

  const json = express.json({ limit: config.BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  router.use((request, response, next) => {
    json(request, response, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') return sendProblem(request, response, 'PAYLOAD_TOO_LARGE');
      if (type === 'entity.parse.failed') return sendProblem(request, response, 'MALFORMED_JSON', (error as Error).message);
      return sendProblem(request, response, 'VALIDATION_FAILED', (error as Error).message, { status: 400 });
    });
  });

  router.get(['/health', '/health/live'], (_request, response) => void response.json({ status: 'up' }));
  router.get('/health/ready', async (_request, response) => {
    const up = await ready();
    response.status(up ? 200 : 503).json({ status: up ? 'up' : 'down' });
  });
  router.get('/metrics', async (_request, response) => {
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  router.get('/openapi.json', (_request, response) => void response.json(openapi));
  const require = createRequire(import.meta.url);
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use('/docs/assets', express.static(swaggerDir, { index: false }));
  router.get(['/docs', '/docs/'], (_request, response) => {
    response.type('html').send(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>党建引领社区治理平台 API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });</script></body></html>`);
  });

  if (config.DEV_TOKENS && config.JWT_SECRET) {
    const secret = config.JWT_SECRET;
    router.post('/dev/token', async (request, response) => {
      const claims = TokenClaims.safeParse({ sub: 'dev-operator', roles: ['DISTRICT_OPERATOR'], scopes: ['/'], ...request.body });
      if (!claims.success) return sendProblem(request, response, 'VALIDATION_FAILED', undefined, { issues: issuesOf(claims.error) });
      response.json({ token: await Authenticator.sign(secret, claims.data), claims: claims.data });
    });
  }

  const limit = (identity: string, request: Request, response: Response): boolean => {
    const wait = limiter.take(identity);
    if (wait === 0) return true;
    response.setHeader('Retry-After', String(wait));
    sendProblem(request, response, 'RATE_LIMITED');
    return false;
  };

  for (const route of routes) {
    const names = pathParams(route.path);
    router[route.method](route.path, (request, response, next) => void handle(route, names, request, response).catch(next));
  }

  async function handle(route: Route, names: string[], request: Request, response: Response) {
    // `is` answers null when there is no body (an empty POST is fine) and false for a body of another type.
    if (route.method !== 'get' && request.is(['application/json', 'application/*+json']) === false) {
      return sendProblem(request, response, 'UNSUPPORTED_MEDIA_TYPE');
    }
    let actor;
    try {
      actor = await authenticator.authenticate(request.header('authorization'));
    } catch (error) {
      if (!limit(`ip:${request.ip}`, request, response)) return;
      return sendProblem(request, response, 'UNAUTHENTICATED', (error as Error).message);
    }
    if (!limit(`actor:${actor.id}`, request, response)) return;
    const params = Object.fromEntries(names.map((name) => [name, request.params[name]]));
    const body = route.method === 'get' ? coerceQuery(route.contract.request, request.query) : request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      return sendProblem(request, response, 'VALIDATION_FAILED', 'the body must be a JSON object');
    }
    const input = { ...body, ...params };
    const idempotencyKey = request.header('idempotency-key');
    if (idempotencyKey && 'idempotencyKey' in ((route.contract.request as unknown as z.ZodObject).shape ?? {})) {
      (input as Record<string, unknown>).idempotencyKey ??= idempotencyKey;
    }
    try {
      const result = await rpc.request(route.contract, input as never, {
        actor,
        correlationId: String(response.getHeader(Headers.correlationId)),
      });
      sendJson(response, route.status ?? 200, result);
    } catch (error) {
      if (error instanceof RpcError) {
        if (error.code === 'INTERNAL') logger.error({ err: error, subject: route.contract.subject }, 'service failed');
        return sendProblem(request, response, error.code, error.message, { issues: error.issues, details: error.details });
      }
      throw error;
    }
  }

  router.use((request, response) => sendProblem(request, response, 'NOT_FOUND', `no route for ${request.method} ${request.path}`));
  router.use((error: unknown, request: Request, response: Response, _next: NextFunction) => {
    if (error instanceof DomainError) return sendProblem(request, response, error.code, error.message);
    logger.error({ err: error }, 'unhandled gateway error');
    sendProblem(request, response, 'INTERNAL');
  });
  return router;
}

/** A JSON answer written directly: what `res.json` sends, without its content negotiation and freshness checks. */
function sendJson(response: Response, status: number, body: unknown) {
  const text = JSON.stringify(body) ?? 'null';
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.setHeader('content-length', Buffer.byteLength(text));
  response.end(text);
}
