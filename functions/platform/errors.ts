import { problems, type CodeWithStatus, type ProblemCode } from '#shared/api/problems.ts';

/**
 * Typed errors; the http stack renders them as problem+json. Only status < 500 shows its message.
 * Codes come from the problem catalog (shared/api/problems.ts), typed by status: a 409 cannot
 * carry a 422 code.
 */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ProblemCode,
    message: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
    /** Response headers the problem carries (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};
export const statusTitle = (status: number) => titles[status] ?? 'Error';

export class ValidationError extends HttpError {
  constructor(errors: FieldError[], message = 'The request is not valid.') {
    super(400, 'invalid_request', message, errors);
  }
}
export class UnauthorizedError extends HttpError {
  constructor(message = 'A valid credential is required.', code: CodeWithStatus<401> = 'unauthorized') {
    super(401, code, message);
  }
}
export class ForbiddenError extends HttpError {
  constructor(message = 'Your role does not allow this operation.', code: CodeWithStatus<403> = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFoundError extends HttpError {
  constructor(what = 'resource') {
    super(404, 'not_found', `The ${what} does not exist.`);
  }
}
export class ConflictError extends HttpError {
  constructor(code: CodeWithStatus<409>, message: string, extra?: Record<string, unknown>) {
    super(409, code, message, undefined, extra);
  }
}
export class PreconditionFailedError extends HttpError {
  constructor(message = 'The resource has changed since you read it; reload and try again.') {
    super(412, 'stale_version', message);
  }
}
export class UnprocessableError extends HttpError {
  constructor(code: CodeWithStatus<422>, message: string, extra?: Record<string, unknown>) {
    super(422, code, message, undefined, extra);
  }
}
export class PayloadTooLargeError extends HttpError {
  constructor() {
    super(413, 'payload_too_large', 'The request body is larger than 1 MiB.');
  }
}

/** Any catalogued problem, at the status the catalog gives it. */
export class Problem extends HttpError {
  constructor(code: ProblemCode, message: string, extra?: Record<string, unknown>, headers?: Record<string, string>) {
    super(problems[code].status, code, message, undefined, extra, headers);
  }
}
