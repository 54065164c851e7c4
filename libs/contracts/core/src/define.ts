import { z } from 'zod';
import type { ErrorCatalogue } from './errors';

const REQUEST_SUBJECT = /^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
const EVENT_SUBJECT = /^evt\.[a-z][a-z0-9]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** A request-reply message: `<service>.<aggregate>.<action>`, answered by exactly one replica. */
export interface RequestContract<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
  Codes extends string = string,
> {
  readonly kind: 'command' | 'query';
  readonly subject: string;
  readonly description: string;
  readonly request: Req;
  readonly response: Res;
  /** Domain error codes this subject may answer with, besides the generic ones. */
  readonly errors: readonly Codes[];
}

/** A fact: `evt.<service>.<aggregate>.<past>.v<N>`, written through the outbox, relayed to JetStream. */
export interface EventContract<Payload extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly subject: string;
  readonly description: string;
  readonly payload: Payload;
}

export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
/** The request as a caller may write it (defaults not yet applied). */
export type RequestInputOf<C extends RequestContract> = z.input<C['request']>;
export type ResponseOf<C extends RequestContract> = z.infer<C['response']>;
export type ErrorCodeOf<C extends RequestContract> = C['errors'][number];
export type PayloadOf<E extends EventContract> = z.infer<E['payload']>;

interface RequestSpec<Req extends z.ZodType, Res extends z.ZodType, Codes extends string> {
  subject: string;
  description: string;
  request: Req;
  response: Res;
  errors?: readonly Codes[];
}

function defineRequest<Req extends z.ZodType, Res extends z.ZodType, Codes extends string>(
  kind: 'command' | 'query',
  spec: RequestSpec<Req, Res, Codes>,
): RequestContract<Req, Res, Codes> {
  if (!REQUEST_SUBJECT.test(spec.subject)) {
    throw new Error(`request subject "${spec.subject}" must look like <service>.<aggregate>.<action>`);
  }
  return Object.freeze({ kind, errors: [], ...spec });
}

/** A request that changes state. */
export function defineCommand<Req extends z.ZodType, Res extends z.ZodType, Codes extends string = never>(
  spec: RequestSpec<Req, Res, Codes>,
): RequestContract<Req, Res, Codes> {
  return defineRequest('command', spec);
}

/** A request that only reads. */
export function defineQuery<Req extends z.ZodType, Res extends z.ZodType, Codes extends string = never>(
  spec: RequestSpec<Req, Res, Codes>,
): RequestContract<Req, Res, Codes> {
  return defineRequest('query', spec);
}

export function defineEvent<Payload extends z.ZodType>(spec: {
  subject: string;
  description: string;
  payload: Payload;
}): EventContract<Payload> {
  if (!EVENT_SUBJECT.test(spec.subject)) {
    throw new Error(`event subject "${spec.subject}" must look like evt.<service>.<aggregate>.<past>.v<N>`);
  }
  return Object.freeze({ kind: 'event', ...spec });
}

/** The service that owns a subject: its first segment (requests) or second (events). */
export function owningService(subject: string): string {
  const parts = subject.split('.');
  return parts[0] === 'evt' ? parts[1] : parts[0];
}

/** Everything one service publishes in its contract library, for docs, the gateway and ownership checks. */
export interface ServiceContracts {
  readonly service: string;
  readonly requests: readonly RequestContract[];
  readonly events: readonly EventContract[];
  readonly errors: ErrorCatalogue;
}
