import { ERROR_HTTP_STATUS, ERROR_MESSAGES, type ErrorCode } from '@pioneer/shared';

/** What Taro.request resolves with. */
export interface FakeResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

export function ok(data: unknown, statusCode = 200): FakeResponse {
  return { statusCode, data, header: {} };
}

/** The server's error envelope, with the shared status and message unless told otherwise. */
export function failure(code: ErrorCode, message: string = ERROR_MESSAGES[code]): FakeResponse {
  return { statusCode: ERROR_HTTP_STATUS[code], data: { code, message }, header: {} };
}

export function status(statusCode: number, data: unknown = null): FakeResponse {
  return { statusCode, data, header: {} };
}

/** What Taro.request rejects with when no answer arrives. */
export function networkDown(): Error & { errMsg: string } {
  return Object.assign(new Error('request:fail'), { errMsg: 'request:fail timeout' });
}
