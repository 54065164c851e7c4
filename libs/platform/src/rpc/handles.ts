import { randomUUID } from 'node:crypto';
import {
  Actor,
  ErrorReply,
  Headers,
  issuesOf,
  type RequestContract,
} from '@gov/contracts-core';
import {
  applyDecorators,
  Catch,
  type ArgumentsHost,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type RpcExceptionFilter,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MessagePattern, type NatsContext } from '@nestjs/microservices';
import { OptimisticLockError, RequestContext, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import { Observable, throwError } from 'rxjs';
import { ZodError } from 'zod';
import { runInContext, type CallContext } from '../context';
import { DomainError } from '../domain-error';
import type { Metrics } from '../health/metrics';

const CONTRACT = Symbol('gov:contract');

/** What a handler gets besides its validated request. */
export interface Call {
  readonly correlationId: string;
  readonly actor: Actor;
  readonly idempotencyKey?: string;
}

/**
 * Marks a handler method as the one answering a contract's subject. The RPC interceptor validates the
 * payload with the contract and replaces the arguments NestJS passes so that `@Payload()` is the parsed request and `@Ctx()` the Call.
 */
export function Handles(contract: RequestContract) {
  return applyDecorators(MessagePattern(contract.subject), SetMetadata(CONTRACT, contract));
}

function headerOf(context: NatsContext, name: string): string | undefined {
  return context.getHeaders?.()?.get(name) || undefined;
}

/**
 * Per message: correlation id and actor from the headers, the payload parsed by the contract, a fresh
 * EntityManager context, and the call timed for /metrics. Replaces the handler's arguments with
 * `(request, call)`.
 */
export class RpcInterceptor implements NestInterceptor {
  private readonly reflector = new Reflector();

  constructor(
    private readonly orm: MikroORM,
    private readonly metrics: Metrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RequestContract | undefined>(CONTRACT, context.getHandler());
    const args = context.getArgs();
    const nats = args[1] as NatsContext;
    const correlationId = headerOf(nats, Headers.correlationId) ?? randomUUID();
    const subject = contract?.subject ?? nats.getSubject();
    return new Observable((subscriber) => {
      const started = process.hrtime.bigint();
      const finish = (outcome: string) =>
        this.metrics.observeRpc(subject, outcome, Number(process.hrtime.bigint() - started) / 1e9);
      let actor: Actor | undefined;
      try {
        actor = parseActor(headerOf(nats, Headers.actor));
        if (contract) args[0] = contract.request.parse(args[0]);
      } catch (error) {
        finish(outcomeOf(error));
        subscriber.error(error);
        return;
      }
      const call: Call = {
        correlationId,
        actor: actor ?? { kind: 'system', id: 'anonymous', roles: [], scopes: [] },
        idempotencyKey: headerOf(nats, Headers.idempotencyKey),
      };
      args[1] = call;
      const callContext: CallContext = { correlationId, actor, subject };
      runInContext(callContext, () =>
        RequestContext.create(this.orm.em, () => {
          next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (error) => {
              finish(outcomeOf(error));
              subscriber.error(error);
            },
            complete: () => {
              finish('ok');
              subscriber.complete();
            },
          });
        }),
      );
    });
  }
}

/** Actors already parsed, by their header text: callers such as the gateway send the same few over and over. */
const knownActors = new Map<string, Actor>();
const KNOWN_ACTORS_MAX = 10_000;

function parseActor(raw: string | undefined): Actor | undefined {
  if (!raw) return undefined;
  const known = knownActors.get(raw);
  if (known) return known;
  const actor = parseActorHeader(raw);
  if (knownActors.size >= KNOWN_ACTORS_MAX) knownActors.delete(knownActors.keys().next().value!);
  // Shared between requests, so nobody may change it.
  for (const value of Object.values(actor)) if (Array.isArray(value)) Object.freeze(value);
  knownActors.set(raw, Object.freeze(actor));
  return actor;
}

function parseActorHeader(raw: string): Actor {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError('UNAUTHENTICATED', 'x-actor header is not JSON');
  }
  const parsed = Actor.safeParse(json);
  if (!parsed.success) throw new DomainError('UNAUTHENTICATED', 'x-actor header is not a valid actor');
  return parsed.data;
}

function outcomeOf(error: unknown): string {
  return toErrorReply(error).code;
}

/** Maps anything thrown by a handler to the error reply callers see. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof ZodError) {
    return { code: 'VALIDATION_FAILED', message: 'request failed validation', issues: issuesOf(error) };
  }
  if (error instanceof OptimisticLockError) {
    return { code: 'CONFLICT', message: 'the record was changed concurrently' };
  }
  if (error instanceof UniqueConstraintViolationException) {
    return { code: 'CONFLICT', message: 'a record with the same unique values exists' };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

/** DomainError → its code, ZodError → VALIDATION_FAILED with field paths, anything else → INTERNAL, logged. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, _host: ArgumentsHost): Observable<never> {
    const reply = toErrorReply(error);
    if (reply.code === 'INTERNAL') this.logger.error({ err: error }, 'unhandled error in handler');
    else if (reply.code === 'CONFLICT') this.logger.info({ code: reply.code }, reply.message);
    return throwError(() => reply);
  }
}
