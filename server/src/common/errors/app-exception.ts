import { ERROR_HTTP_STATUS, ERROR_MESSAGES, type ErrorCode, type ErrorDetail } from '@pioneer/shared';

/**
 * The one exception services throw. The global filter renders it as
 * `{ code, message, details? }` with the status fixed for its code.
 */
export class AppException extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppException';
    this.status = ERROR_HTTP_STATUS[code];
  }
}
