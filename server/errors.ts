// One catalogue of problems with stable codes, and the middleware that answers them as RFC 9457
// problem+json. Routes and services throw these; nothing else writes an error reply.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { TAnswerError } from './contract/public.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers the problem reply carries (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, detail: string) {
    super(404, code, 'Not Found', detail);
  }
}

export class BadRequestError extends AppError {
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(400, code, 'Bad Request', detail, extra);
  }
}

/** The request is well-formed JSON but its content breaks the rules (answers, keys, fields). */
export class UnprocessableError extends AppError {
  constructor(code: string, detail: string, errors: TAnswerError[] | Record<string, unknown>[]) {
    super(422, code, 'Unprocessable Content', detail, { errors });
  }
}

/** A body or query that breaks its zod schema: 422 with the issues as `errors: [{path, message}]`. */
export class ValidationError extends AppError {
  constructor(error: z.ZodError, detail = 'Dữ liệu gửi lên không hợp lệ.') {
    super(422, 'request.invalid', 'Unprocessable Content', detail, {
      errors: error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
}

/** Parses with a zod schema or throws ValidationError. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ValidationError(parsed.error);
  return parsed.data;
}

export class UnauthorizedError extends AppError {
  constructor(code: string, detail: string) {
    super(401, code, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, detail: string) {
    super(403, code, 'Forbidden', detail);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(code: string, detail: string) {
    super(415, code, 'Unsupported Media Type', detail);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(code: string, detail: string, retryAfterSeconds: number) {
    super(429, code, 'Too Many Requests', detail, { retryAfter: retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, detail: string, extra: Record<string, unknown> = {}) {
    super(409, code, 'Conflict', detail, extra);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, detail: string) {
    super(503, code, 'Service Unavailable', detail);
  }
}

function send(res: Parameters<ErrorRequestHandler>[2], err: AppError): void {
  res
    .status(err.status)
    .set(err.headers)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `/problems/${err.code}`,
        title: err.title,
        status: err.status,
        code: err.code,
        ...(err.detail ? { detail: err.detail } : {}),
        ...err.extra,
      }),
    );
}

/** Unknown /api routes answer problem+json too, not the SPA's html. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError('route.not_found', `Không có địa chỉ API ${req.method} ${req.path}.`));
};

export function problemMiddleware(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    if (err instanceof AppError) return send(res, err);
    // body-parser's own errors carry a `type`; map them onto the catalogue.
    const type = (err as { type?: string }).type;
    if (type === 'entity.parse.failed')
      return send(res, new BadRequestError('request.malformed_json', 'Dữ liệu gửi lên không phải JSON hợp lệ.'));
    if (type === 'entity.too.large')
      return send(
        res,
        new AppError(413, 'request.too_large', 'Content Too Large', 'Dữ liệu gửi lên vượt quá giới hạn 256 KiB.'),
      );
    if (type === 'encoding.unsupported' || type === 'charset.unsupported')
      return send(res, new AppError(415, 'request.unsupported_encoding', 'Unsupported Media Type', String(err.message)));
    log.error({ err, url: req.originalUrl }, 'unhandled error');
    return send(res, new AppError(500, 'server.error', 'Internal Server Error', 'Lỗi máy chủ. Xin vui lòng thử lại sau.'));
  };
}
