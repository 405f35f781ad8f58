import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { ERROR_HTTP_STATUS, ERROR_MESSAGES, ErrorCode, type ErrorEnvelope } from '@pioneer/shared';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppException } from '../errors/app-exception.js';

const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** body-parser's own errors carry a `type`; they are the client's mistakes, never 500s. */
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': ErrorCode.MALFORMED_JSON,
  'entity.too.large': ErrorCode.PAYLOAD_TOO_LARGE,
  'encoding.unsupported': ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  'charset.unsupported': ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  'request.aborted': ErrorCode.VALIDATION_FAILED,
};

/**
 * SQLSTATEs that say the database cannot serve anyone right now: class 08
 * (connection exception), shutting down or starting up (57P01–57P03), and no
 * connection slot left (53300).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors from reaching the database server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** node-postgres's own words for a connection that died or never came. */
const DRIVER_MESSAGES = /^Connection terminated|timeout exceeded when trying to connect|is not queryable/;

/**
 * True when the error says the database is out of reach (restarting, failed
 * over, network), not that the request or the query was wrong: the answer is
 * then 503, which clients retry with the same clientId, instead of a 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; errors?: unknown; cause?: unknown };
  if (
    typeof e.code === 'string' &&
    (e.code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(e.code) || NETWORK_CODES.has(e.code))
  )
    return true;
  if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  // TypeORM wraps the driver's error; Node wraps each address's refusal in an AggregateError.
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  return inner.some((x) => x !== undefined && isDatabaseUnavailable(x, depth + 1));
}

interface Envelope {
  status: number;
  body: ErrorEnvelope;
  /** A bug or an unknown failure: logged with its stack. */
  unexpected: boolean;
  /** The database was out of reach: logged as a warning. */
  unavailable?: boolean;
}

function envelopeOf(exception: unknown): Envelope {
  if (exception instanceof AppException) {
    const body: ErrorEnvelope = { code: exception.code, message: exception.message };
    if (exception.details !== undefined) body.details = exception.details;
    return {
      status: exception.status,
      body,
      unexpected: exception.status >= 500 && exception.code === ErrorCode.INTERNAL_ERROR,
    };
  }
  const parserType = (exception as { type?: unknown } | null)?.type;
  if (typeof parserType === 'string' && parserType in BODY_PARSER_CODES) {
    const code = BODY_PARSER_CODES[parserType];
    return { status: ERROR_HTTP_STATUS[code], body: { code, message: ERROR_MESSAGES[code] }, unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const cause = (exception as { cause?: { type?: unknown } }).cause;
    if (status === 400 && typeof cause?.type === 'string' && cause.type in BODY_PARSER_CODES) {
      const code = BODY_PARSER_CODES[cause.type];
      return { status: ERROR_HTTP_STATUS[code], body: { code, message: ERROR_MESSAGES[code] }, unexpected: false };
    }
    const response = exception.getResponse();
    if (
      status === 404 &&
      typeof response === 'object' &&
      /^Cannot [A-Z]+ /.test(String((response as { message?: unknown }).message))
    ) {
      return {
        status,
        body: { code: ErrorCode.ROUTE_NOT_FOUND, message: ERROR_MESSAGES.ROUTE_NOT_FOUND },
        unexpected: false,
      };
    }
    if (status === 400 && /JSON|Unexpected token|position/i.test(exception.message)) {
      return {
        status,
        body: { code: ErrorCode.MALFORMED_JSON, message: ERROR_MESSAGES.MALFORMED_JSON },
        unexpected: false,
      };
    }
    const code = STATUS_CODES[status];
    if (code) {
      const body: ErrorEnvelope = { code, message: ERROR_MESSAGES[code] };
      // Terminus puts the failing checks in the response: keep them for operators.
      if (status === 503 && typeof response === 'object') body.details = response as Record<string, unknown>;
      return { status, body, unexpected: false };
    }
    if (status < 500) {
      return {
        status,
        body: { code: ErrorCode.VALIDATION_FAILED, message: ERROR_MESSAGES.VALIDATION_FAILED },
        unexpected: false,
      };
    }
  }
  if (isDatabaseUnavailable(exception)) {
    const code = ErrorCode.SERVICE_UNAVAILABLE;
    return {
      status: ERROR_HTTP_STATUS[code],
      body: { code, message: ERROR_MESSAGES[code] },
      unexpected: false,
      unavailable: true,
    };
  }
  return {
    status: 500,
    body: { code: ErrorCode.INTERNAL_ERROR, message: ERROR_MESSAGES.INTERNAL_ERROR },
    unexpected: true,
  };
}

/** The one place that turns any thrown thing into `{ code, message, details? }`. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { status, body, unexpected, unavailable } = envelopeOf(exception);
    if (unexpected) {
      this.logger.error({ err: exception, method: req.method, path: req.path }, 'unhandled error');
    } else if (unavailable) {
      this.logger.warn({ err: exception, method: req.method, path: req.path }, 'database unavailable');
    }
    if (res.headersSent) return;
    if (status === 503) res.setHeader('Retry-After', '1');
    res.status(status).json(body);
  }
}
