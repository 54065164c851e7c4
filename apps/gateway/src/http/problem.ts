import { GenericErrors, type ErrorCatalogue, type ErrorIssue } from '@gov/contracts-core';
import { PartyErrors } from '@gov/contracts-party';
import { NotificationErrors } from '@gov/contracts-notifications';
import { TicketErrors } from '@gov/contracts-tickets';
import type { Request, Response } from 'express';

/** Every code the gateway can answer with, to its HTTP status and texts. */
export const errorCatalogue: ErrorCatalogue = { ...GenericErrors, ...PartyErrors, ...TicketErrors, ...NotificationErrors };

export function statusOf(code: string): number {
  return errorCatalogue[code]?.status ?? 422;
}

function prefersEnglish(request: Request): boolean {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en');
}

/** Answers with RFC 9457 problem+json carrying the stable code; the title is zh-CN unless English is preferred. */
export function sendProblem(
  request: Request,
  response: Response,
  code: string,
  detail?: string,
  extras: { issues?: ErrorIssue[]; details?: Record<string, unknown>; status?: number } = {},
) {
  const status = extras.status ?? statusOf(code);
  const text = errorCatalogue[code];
  const title = text ? (prefersEnglish(request) ? text.en : text.zh) : code;
  response
    .status(status)
    .type('application/problem+json')
    .json({
      type: `urn:gov-platform:problem:${code}`,
      title,
      status,
      code,
      ...(detail ? { detail } : {}),
      instance: request.originalUrl,
      correlationId: response.getHeader('x-correlation-id'),
      ...(extras.issues ? { errors: extras.issues } : {}),
      ...(extras.details ? { details: extras.details } : {}),
    });
}
