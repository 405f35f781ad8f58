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

function envelopeOf(exception: unknown): { status: number; body: ErrorEnvelope; unexpected: boolean } {
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
    const { status, body, unexpected } = envelopeOf(exception);
    if (unexpected) {
      this.logger.error({ err: exception, method: req.method, path: req.path }, 'unhandled error');
    }
    if (res.headersSent) return;
    res.status(status).json(body);
  }
}
