import { ErrorReply } from '@gov/contracts-core';
import { z } from 'zod';
import { errorCatalogue } from './problem';
import { pathParams, type Route } from './routes';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete json.$schema;
  return json;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as unknown as z.ZodObject).shape ?? {};
}

const Problem = {
  type: 'object',
  description: 'RFC 9457 problem details with the stable error code',
  properties: {
    type: { type: 'string' },
    title: { type: 'string', description: 'zh-CN, or English with Accept-Language: en' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: { type: 'array', items: schemaOf(ErrorReply.shape.issues.unwrap().element, 'output') },
  },
  required: ['type', 'title', 'status', 'code'],
};

/** OpenAPI 3.1, generated from the route table and the zod contracts (JSON Schema 2020-12). */
export function buildOpenApi(routes: Route[], options: { devTokens: boolean }): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const openapiPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = pathParams(route.path);
    const shape = objectShape(route.contract.request);
    const rest = Object.fromEntries(Object.entries(shape).filter(([name]) => !params.includes(name)));
    const parameters: Json[] = params.map((name) => ({ name, in: 'path', required: true, schema: schemaOf(shape[name], 'input') }));
    let requestBody: Json | undefined;
    if (route.method === 'get') {
      for (const [name, field] of Object.entries(rest)) {
        parameters.push({ name, in: 'query', required: !field.safeParse(undefined).success, schema: schemaOf(field, 'input') });
      }
    } else {
      requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(z.object(rest), 'input') } },
      };
      if (rest.idempotencyKey) {
        parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } });
      }
    }
    const codes = ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', ...route.contract.errors];
    const byStatus = new Map<number, string[]>();
    for (const code of codes) {
      const status = errorCatalogue[code]?.status ?? 422;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Json = {
      [String(route.status ?? 200)]: {
        description: 'OK',
        content: { 'application/json': { schema: schemaOf(route.contract.response, 'output') } },
      },
    };
    for (const [status, list] of byStatus) {
      responses[String(status)] = {
        description: list.join(', '),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
    paths[openapiPath] = {
      ...paths[openapiPath],
      [route.method]: {
        operationId: route.contract.subject.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
        summary: route.summary,
        description: `${route.contract.description}\n\nNATS subject: \`${route.contract.subject}\``,
        tags: [route.tag],
        parameters,
        ...(requestBody ? { requestBody } : {}),
        responses,
        security: [{ bearer: [] }],
      },
    };
  }
  if (options.devTokens) {
    paths['/dev/token'] = {
      post: {
        operationId: 'devToken',
        summary: '开发令牌 / Development token (only when DEV_TOKENS=true)',
        tags: ['development'],
        requestBody: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  sub: { type: 'string' },
                  roles: { type: 'array', items: { type: 'string' } },
                  scopes: { type: 'array', items: { type: 'string' } },
                },
              },
            },
          },
        },
        responses: { '200': { description: 'A signed token' } },
        security: [],
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: '党建引领社区治理平台 API / Community governance platform API',
      version: '0.1.0',
      description:
        '区域与党组织（party 服务），诉求工单与关爱走访（tickets 服务），消息与通知（notifications 服务）。所有错误以 application/problem+json 返回，并带稳定的 code。\n\nAreas and party organisations (party); tickets and care visits (tickets); messages and notices (notifications). Every error is application/problem+json with a stable `code`.',
    },
    tags: [
      { name: 'areas', description: '行政区域 / Administrative areas' },
      { name: 'organisations', description: '党组织 / Party organisations' },
      { name: 'tickets', description: '诉求工单 / Tickets (resident demands and work orders)' },
      { name: 'care', description: '关爱走访（tickets 服务）/ Care profiles and visits (tickets)' },
      { name: 'notifications', description: '消息 / Notifications' },
    ],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem },
    },
  };
}
