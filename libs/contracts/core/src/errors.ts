import { z } from 'zod';

/** A user-facing text: Chinese first, English second. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export interface ErrorDescription extends Text {
  /** The HTTP status the gateway answers with. */
  readonly status: number;
}

export type ErrorCatalogue = Readonly<Record<string, ErrorDescription>>;

/** Codes every service may answer with. */
export const GenericErrors = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数校验失败', en: 'The request failed validation' },
  MALFORMED_JSON: { status: 400, zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  UNAUTHENTICATED: { status: 401, zh: '未登录或令牌无效', en: 'Missing or invalid credentials' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '记录不存在', en: 'The record does not exist' },
  CONFLICT: {
    status: 409,
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and retry',
  },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    zh: '请求体须为 application/json',
    en: 'The request body must be application/json',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: { status: 500, zh: '服务内部错误', en: 'Internal error' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'The service is unavailable' },
  TIMEOUT: { status: 504, zh: '服务响应超时', en: 'The service did not answer in time' },
} as const satisfies ErrorCatalogue;

export type GenericErrorCode = keyof typeof GenericErrors;

/** Declares a service's domain error codes (`SERVICE.SCREAMING_SNAKE`) with their status and texts. */
export function defineErrors<const C extends Record<string, ErrorDescription>>(service: string, catalogue: C): C {
  const prefix = `${service.toUpperCase()}.`;
  for (const code of Object.keys(catalogue)) {
    if (!code.startsWith(prefix) || !/^[A-Z]+\.[A-Z][A-Z0-9_]*$/.test(code)) {
      throw new Error(`error code "${code}" must look like ${prefix}SCREAMING_SNAKE`);
    }
  }
  return catalogue;
}

export const ErrorIssue = z.object({
  path: z.string().describe('Dotted path of the offending field; empty for the whole message'),
  code: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/** What a service replies with instead of a response. */
export const ErrorReply = z.object({
  code: z.string().describe('Stable code: a generic one or SERVICE.SCREAMING_SNAKE'),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  issues: z.array(ErrorIssue).optional(),
});
export type ErrorReply = z.infer<typeof ErrorReply>;

/** Turns zod issues into stable, serialisable field errors. */
export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}
