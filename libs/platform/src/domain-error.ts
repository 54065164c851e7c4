/**
 * A refusal by the domain: a stable code (generic or `SERVICE.SCREAMING_SNAKE`) the caller can switch on.
 * The RPC error filter turns it into an ErrorReply; it is never logged as a failure.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (code: string, id: string) => new DomainError(code, `${code}: ${id}`, { id });
export const forbidden = (why: string, details?: Record<string, unknown>) => new DomainError('FORBIDDEN', why, details);
export const conflict = (why: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', why, details);
