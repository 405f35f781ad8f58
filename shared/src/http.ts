/** Headers both sides agree on. */
export const HttpHeader = {
  /** Client-made key that makes a retried write happen once. */
  IDEMPOTENCY_KEY: 'Idempotency-Key',
  /** Set on a response that repeats the stored answer to an earlier request with the same key. */
  IDEMPOTENT_REPLAY: 'Idempotent-Replay',
  REQUEST_ID: 'X-Request-Id',
} as const;

/** Idempotency keys: 16 to 64 characters of URL-safe base64 or hex, e.g. a UUID. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export const API_PREFIX = '/api';

export interface Paginated<T> {
  items: T[];
  /** Opaque cursor for the next page; absent on the last page. */
  nextCursor?: string;
}
