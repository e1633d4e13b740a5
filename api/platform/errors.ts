// One error shape for every failure the API reports (DESIGN.md rule 7):
//   { "error": { "code": "stable_code", "message": "…", "details": [...] } }
// Codes are stable ids clients may branch on; messages are for people and may change.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../db/domain/domain-error';
import type { ErrorDetail } from '../../forms/types/api';
import { isMissingPartition } from '../../db/cases/partitions';

export type { ErrorDetail };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The work was accepted (e.g. a workflow took an update) but is not finished yet: 202 with where to look. */
export class WorkAccepted extends Error {
  constructor(readonly href: string) {
    super('Accepted; the outcome will show at the link.');
  }
}

export const badRequest = (code: string, message: string, details: ErrorDetail[] = []) => new ApiError(400, code, message, details);
export const validationFailed = (details: ErrorDetail[]) =>
  new ApiError(400, 'validation_failed', 'The request does not match the schema.', details);
export const unauthenticated = (message = 'Sign in first: send a bearer token.') =>
  new ApiError(401, 'unauthenticated', message, [], { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (message = 'Your role does not allow this.') => new ApiError(403, 'forbidden', message);
export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) => new ApiError(409, code, message, details);
export const methodNotAllowed = (method: string, allow: string[]) =>
  new ApiError(
    405,
    'method_not_allowed',
    `${method} is not allowed here; use ${allow.join(', ')}.`,
    [{ code: 'allowed_methods', message: allow.join(', '), allow }],
    { Allow: allow.join(', ') },
  );
export const unprocessable = (code: string, message: string, details: ErrorDetail[] = []) => new ApiError(422, code, message, details);

export function errorBody(code: string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

// The one table from a domain refusal's code (db/domain/domain-error.ts) to its HTTP status; any other code is a
// request the domain cannot carry out as it is (422).
const DOMAIN_ERROR_STATUS: Record<string, number> = {
  not_closed: 400, // a reopen reason for a case that is open
  reopen_not_allowed: 403,
  not_found: 404,
  case_managed_by_workflow: 409,
  case_closed: 409,
  invalid_transition: 409,
  not_draft: 409,
  stale_version: 409,
  id_taken: 409,
  already_exists: 409,
  no_draft: 409,
  payload_too_large: 413,
};

export function domainErrorStatus(code: string): number {
  return DOMAIN_ERROR_STATUS[code] ?? 422;
}

/** Unknown routes: 404 in the error shape instead of Express's HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route_not_found', `No route ${req.method} ${req.path}.`));
};

// body-parser and Express report their own 4xx errors with a `type`; each gets a stable code.
const PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON.' },
  'entity.too.deep': {
    status: 400,
    code: 'json_too_deep',
    message: 'The request body nests JSON deeper than this API accepts (64 levels).',
  },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'The request body is larger than this endpoint accepts.' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'The content encoding is not supported.' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Only UTF-8 bodies are accepted.' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'The request was aborted by the client.' },
  'request.size.invalid': { status: 400, code: 'request_size_invalid', message: 'The request size does not match its Content-Length.' },
  'stream.encoding.set': { status: 500, code: 'internal_error', message: 'Internal error.' },
};

export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (err instanceof WorkAccepted) {
    res.status(202).location(err.href).json({ accepted: true, href: err.href, message: err.message });
    return;
  }
  if (err instanceof DomainError) {
    res.status(domainErrorStatus(err.code)).json(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err instanceof ApiError) {
    res
      .set(err.headers)
      .status(err.status)
      .json(errorBody(err.code, err.message, err.details));
    return;
  }
  if (isMissingPartition(err)) {
    // A case whose registration quarter has no partition yet (a detached quarter, or one created since this node
    // cached the list): nothing was written, and the quarter is made on the next attempt (db/cases/partitions.ts).
    req.log?.warn({ err }, 'case register partition missing');
    res
      .set('Retry-After', '5')
      .status(503)
      .json(
        errorBody('temporarily_unavailable', 'The case register cannot store this registration time right now; try again in a moment.'),
      );
    return;
  }
  const typed = err as { type?: string; status?: number; expose?: boolean; message?: string };
  const known = typed.type ? PARSER_ERRORS[typed.type] : undefined;
  if (known) {
    res.status(known.status).json(errorBody(known.code, known.message));
    return;
  }
  if (typeof typed.status === 'number' && typed.status >= 400 && typed.status < 500) {
    res.status(typed.status).json(errorBody('bad_request', typed.expose && typed.message ? typed.message : 'Bad request.'));
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  res
    .status(500)
    .json(
      errorBody('internal_error', 'Something went wrong on our side; the request id identifies it in our logs.', [
        { code: 'request_id', message: String(req.id ?? '') },
      ]),
    );
};
