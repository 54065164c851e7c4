import { randomUUID } from 'node:crypto';
import {
  ErrorReply,
  Headers,
  issuesOf,
  type Actor,
  type ErrorCodeOf,
  type ErrorIssue,
  type GenericErrorCode,
  type RequestContract,
  type RequestInputOf,
  type ResponseOf,
} from '@gov/contracts-core';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { currentContext } from '../context';
import { NoReplyError, ReplyInbox } from './reply-inbox';

/** A refused or failed request, with the code the contract declares (or a generic one). */
export class RpcError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export interface CallOptions {
  actor?: Actor;
  correlationId?: string;
  idempotencyKey?: string;
  timeoutMs?: number;
}

/**
 * The typed NATS request-reply client: validates the request before sending and the reply after receiving,
 * applies a timeout, and throws RpcError with the contract's error codes. It speaks NestJS's NATS packet
 * format ({pattern, data, id} → {response | err}).
 */
export class RpcClient {
  private readonly inbox: ReplyInbox;

  constructor(
    nc: NatsConnection,
    private readonly options: { prefix: string; timeoutMs: number },
  ) {
    this.inbox = new ReplyInbox(nc);
  }

  async request<C extends RequestContract>(
    contract: C,
    request: RequestInputOf<C>,
    options: CallOptions = {},
  ): Promise<ResponseOf<C>> {
    const parsed = contract.request.safeParse(request);
    if (!parsed.success) {
      throw new RpcError<GenericErrorCode>('VALIDATION_FAILED', 'request failed validation', undefined, issuesOf(parsed.error));
    }
    const h = natsHeaders();
    h.set(Headers.correlationId, options.correlationId ?? currentContext()?.correlationId ?? randomUUID());
    const actor = options.actor ?? currentContext()?.actor;
    if (actor) h.set(Headers.actor, JSON.stringify(actor));
    if (options.idempotencyKey) h.set(Headers.idempotencyKey, options.idempotencyKey);
    const packet = JSON.stringify({ pattern: contract.subject, data: parsed.data, id: randomUUID() });
    let raw: { response?: unknown; err?: unknown };
    try {
      const reply = await this.inbox.request(`${this.options.prefix}${contract.subject}`, packet, {
        timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
        headers: h,
      });
      raw = reply.json();
    } catch (error) {
      if (error instanceof NoReplyError && error.reason === 'NO_RESPONDERS') {
        throw new RpcError<GenericErrorCode>('UNAVAILABLE', `no service answers ${contract.subject}`);
      }
      if (error instanceof NoReplyError && error.reason === 'TIMEOUT') {
        throw new RpcError<GenericErrorCode>('TIMEOUT', `${contract.subject} did not answer in time`);
      }
      throw new RpcError<GenericErrorCode>('UNAVAILABLE', `request to ${contract.subject} failed: ${String(error)}`);
    }
    if (raw.err !== undefined && raw.err !== null) {
      const error = ErrorReply.safeParse(raw.err);
      if (!error.success) throw new RpcError<GenericErrorCode>('INTERNAL', `malformed error reply from ${contract.subject}`);
      throw new RpcError(error.data.code as ErrorCodeOf<C> | GenericErrorCode, error.data.message, error.data.details, error.data.issues);
    }
    const response = contract.response.safeParse(raw.response);
    if (!response.success) {
      throw new RpcError<GenericErrorCode>('INTERNAL', `reply of ${contract.subject} breaks its contract`, undefined, issuesOf(response.error));
    }
    return response.data as ResponseOf<C>;
  }
}
