// Every refusal of the API as one JSON shape (RFC 9457 problem details, application/problem+json):
// the SDK's coded SanxiangError as it is, with the HTTP status it means, the rule it cites and
// the next step the message names. Nothing here decides a rule; it only says it over HTTP.
import {
  ERROR_CODES,
  ERROR_GUIDE,
  type InputIssue,
  type RuleSource,
  SanxiangError,
  type SanxiangErrorCode,
  sanxiangError,
} from "@sanxiang/core";

/**
 * 接口层错误代码 — the few refusals that are HTTP's, not the domain's: no such route, a body
 * over the limit, a body of the wrong media type, a case id that has no case, and a failure
 * nobody foresaw (logged, never shown).
 */
export const API_ERROR_CODES = {
  /** No route for this method and path. */
  ROUTE_NOT_FOUND: "接口不存在",
  /** The request body is larger than the API accepts (nothing was read past the limit, nothing changed). */
  PAYLOAD_TOO_LARGE: "请求体过大",
  /** The request body is not of the media type the route reads. */
  UNSUPPORTED_MEDIA_TYPE: "请求体类型不受支持",
  /** The case id names no case (no event in its stream). */
  CASE_NOT_FOUND: "案件不存在",
  /** A failure of the server itself: logged with its cause, not shown. */
  INTERNAL_ERROR: "服务器内部错误",
} as const;

/** An API-level error code (see {@link API_ERROR_CODES}). */
export type ApiErrorCode = keyof typeof API_ERROR_CODES;

/** 问题响应 — the JSON body of every error response. */
export interface Problem {
  /** `urn:sanxiang:error:<code>` — stable, the code in URN form. */
  readonly type: string;
  /** The code's Chinese title (`ERROR_CODES` / {@link API_ERROR_CODES}). */
  readonly title: string;
  /** The HTTP status, repeated. */
  readonly status: number;
  /** The stable code: the SDK's (`REVIEW_NOT_APPROVED` …) or the API's ({@link ApiErrorCode}). Branch on it. */
  readonly code: SanxiangErrorCode | ApiErrorCode;
  /** The message for the case at hand, in Chinese: the value that was wrong, what is allowed. */
  readonly message: string;
  /** 下一步 — the next step the message names, when it names one. */
  readonly next?: string;
  /** What to do about this kind of error (the SDK's error guide, for the app's developer). */
  readonly action?: string;
  /** The rule that refused (law, article), when a rule refused. */
  readonly source?: RuleSource;
  /** JSON-safe details (`issues` with each field for bad input, `why` at the review gate …). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** An error response: its status and its body. */
export interface ProblemResponse {
  /** HTTP status. */
  readonly status: number;
  /** The body. */
  readonly body: Problem;
}

/**
 * HTTP status of the SDK codes whose meaning the audience alone does not give: who may act
 * (403), the case's current state or a concurrent writer (409), what is not there (404), a
 * store or adapter that failed (502/503), evidence bytes that are not the ones announced (422).
 */
const STATUS: Partial<Record<SanxiangErrorCode, number>> = {
  ACTOR_NOT_REGISTERED: 403,
  ROLE_NOT_BACKED: 403,
  PERMISSION_DENIED: 403,
  NOT_ON_CASE_TEAM: 403,
  OFFICER_NOT_QUALIFIED: 403,
  COMMAND_NOT_ALLOWED: 409,
  CONCURRENCY_CONFLICT: 409,
  TREE_HEAD_CONFLICT: 409,
  EVIDENCE_NOT_FOUND: 404,
  REVIEW_NOT_FOUND: 404,
  EVIDENCE_TAMPERED: 422,
  STORE_UNAVAILABLE: 503,
  EVIDENCE_STORE_FAILED: 503,
  PUBLISHER_FAILED: 502,
  SIGNER_FAILED: 502,
};

/** By whom the SDK's error guide says the error is acted on: bad input 400, a refused act 422, the operator's 500. */
const BY_AUDIENCE = { developer: 400, officer: 422, operator: 500 } as const;

/** The HTTP status of an SDK error code. */
export function statusOf(code: SanxiangErrorCode): number {
  return STATUS[code] ?? BY_AUDIENCE[ERROR_GUIDE[code].audience];
}

/** The next step a message names (`……。下一步：……`), if it names one. */
function nextStepOf(message: string): string | undefined {
  const at = message.indexOf("下一步：");
  return at < 0 ? undefined : message.slice(at + "下一步：".length).trim();
}

/** The problem response of an SDK error. */
export function problemOf(error: SanxiangError): ProblemResponse {
  let status = statusOf(error.code);
  // A body over the evidence store's size limit is refused by the store as INVALID_INPUT naming maxSize.
  if (error.code === "INVALID_INPUT" && typeof error.details?.maxSize === "number") status = 413;
  const next = nextStepOf(error.message);
  return {
    status,
    body: {
      type: `urn:sanxiang:error:${error.code}`,
      title: ERROR_CODES[error.code],
      status,
      code: error.code,
      message: error.message,
      ...(next === undefined ? {} : { next }),
      action: ERROR_GUIDE[error.code].action,
      ...(error.source === undefined ? {} : { source: error.source }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** The problem response of an API-level error. */
export function apiProblem(
  code: ApiErrorCode,
  status: number,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): ProblemResponse {
  return {
    status,
    body: {
      type: `urn:sanxiang:error:${code}`,
      title: API_ERROR_CODES[code],
      status,
      code,
      message,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/**
 * `INVALID_INPUT` naming the request field that is wrong (`body`, `query.capturedAt`,
 * `header.X-Officer-Id` …), the value given and what is allowed — the SDK's own shape of
 * `details.issues`, so a client reads bad fields of the API and of the SDK the same way.
 */
export function badField(field: string, message: string, value?: string, allowed?: readonly string[]): SanxiangError {
  const issue: InputIssue = {
    path: field,
    field,
    message,
    ...(value === undefined ? {} : { value: value.length > 80 ? `${value.slice(0, 80)}…` : value }),
    ...(allowed === undefined ? {} : { allowed }),
  };
  return sanxiangError("INVALID_INPUT", `请求无效：${field} ${message}`, { details: { issues: [issue] } });
}

/** True for an SDK error from any copy of core. */
export const isSanxiangError = (value: unknown): value is SanxiangError => SanxiangError.isInstance(value);
