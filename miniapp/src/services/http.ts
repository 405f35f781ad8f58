import Taro from '@tarojs/taro';
import {
  AuthRoutes,
  ERROR_MESSAGES,
  ErrorCode,
  HttpHeader,
  isErrorEnvelope,
  type ErrorEnvelope,
  type RefreshRequest,
  type SessionView,
} from '@pioneer/shared';
import { navigate } from '../platform';
import { downloadFile, uploadFile, type PickedFile } from '../platform/files';
import { sessionStore } from '../stores/session';
import { apiUrl } from './api-base';

/** Codes the client makes up when there is no error envelope to read. */
export const ClientErrorCode = {
  NETWORK_ERROR: 'NETWORK_ERROR',
  HTTP_ERROR: 'HTTP_ERROR',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export const NETWORK_ERROR_MESSAGE = '网络不给力，请检查网络后重试';

/** Every failed call ends as one of these; `message` can be shown to the person as it is. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | ClientErrorCode,
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    message: string,
    readonly details?: ErrorEnvelope['details'],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  /** Send the access token and react to an expired or lost session. Login calls turn this off. */
  auth?: boolean;
  /**
   * A call to another origin (the development stand-in WeChat server): absolute URL, no token and no
   * Idempotency-Key, so the browser's CORS preflight only has to allow Content-Type.
   */
  external?: boolean;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface HttpClientOptions {
  /** Pauses between attempts; the length + 1 is the most attempts one call makes. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  /** Downloads: where the body was saved. */
  filePath?: string;
}

/** One attempt of one exchange with the server, given the headers to send; rejects when no answer arrived. */
type Transport = (header: Record<string, string>) => Promise<RawResponse>;

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const RETRY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
const SESSION_LOST_CODES: ReadonlySet<string> = new Set([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.REFRESH_TOKEN_INVALID,
  ErrorCode.TOKEN_EXPIRED,
]);

/** 32 hex characters: inside IDEMPOTENCY_KEY_PATTERN. It only has to be unique, not secret. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  // `typeof` first: older mini-program runtimes have neither `crypto` nor `globalThis`.
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
    crypto.getRandomValues(bytes);
  } else {
    // The mini-program runtime has no Web Crypto.
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
    const now = Date.now();
    for (let i = 0; i < 6; i += 1) bytes[i] ^= Math.floor(now / 256 ** i) & 0xff;
  }
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

function errorCodeOf(data: unknown): ErrorCode | null {
  const code = (data as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in ERROR_MESSAGES ? (code as ErrorCode) : null;
}

/** Turns an answer that is not 2xx into an ApiError with a message a person can read. */
export function toApiError(response: RawResponse): ApiError {
  const { statusCode, data } = response;
  const code = errorCodeOf(data);
  if (code) {
    const serverMessage = isErrorEnvelope(data) ? data.message.trim() : '';
    // The server's message is more specific; an English one is no use to the person holding the phone.
    const message = serverMessage && hasChinese(serverMessage) ? serverMessage : ERROR_MESSAGES[code];
    return new ApiError(code, statusCode, message, isErrorEnvelope(data) ? data.details : undefined);
  }
  const message =
    statusCode >= 500 ? ERROR_MESSAGES.SERVICE_UNAVAILABLE : `请求没有成功（错误 ${statusCode}），请稍后重试`;
  return new ApiError(ClientErrorCode.HTTP_ERROR, statusCode, message);
}

function withQuery(url: string, query?: RequestOptions['query']): string {
  if (!query) return url;
  const search = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  if (!search) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHttpClient(options: HttpClientOptions = {}) {
  const retryDelaysMs = options.retryDelaysMs ?? [600, 1800];
  const timeoutMs = options.timeoutMs ?? 15000;
  const sleep = options.sleep ?? defaultSleep;
  let refreshing: Promise<boolean> | null = null;

  const jsonTransport =
    (method: HttpMethod, url: string, body: unknown): Transport =>
    async (header) => {
      const res = await Taro.request({
        url,
        method,
        header,
        timeout: timeoutMs,
        dataType: 'json',
        ...(body === undefined ? {} : { data: body as Record<string, unknown> }),
      });
      return { statusCode: res.statusCode, data: res.data };
    };

  /** One logical call: retried on network failure, on 502/503/504 and while the server still works on the same key. */
  async function send(transport: Transport, header: Record<string, string>): Promise<RawResponse> {
    const maxAttempts = retryDelaysMs.length + 1;
    for (let attempt = 1; ; attempt += 1) {
      let response: RawResponse | null = null;
      try {
        response = await transport(header);
      } catch {
        response = null;
      }
      const retryable =
        response === null ||
        RETRY_STATUSES.has(response.statusCode) ||
        (header[HttpHeader.IDEMPOTENCY_KEY] !== undefined &&
          errorCodeOf(response.data) === ErrorCode.IDEMPOTENCY_IN_PROGRESS);
      if (!retryable || attempt >= maxAttempts) {
        if (response === null) throw new ApiError(ClientErrorCode.NETWORK_ERROR, 0, NETWORK_ERROR_MESSAGE);
        return response;
      }
      await sleep(retryDelaysMs[attempt - 1]);
    }
  }

  function sessionLost(): void {
    if (sessionStore.get()) {
      sessionStore.clear();
      navigate.toLogin();
    }
  }

  /** Swaps the refresh token for a new session; concurrent callers share one refresh. */
  function refreshSession(): Promise<boolean> {
    refreshing ??= (async () => {
      const session = sessionStore.get();
      if (!session) return false;
      const body: RefreshRequest = { refreshToken: session.refreshToken };
      const response = await send(jsonTransport('POST', apiUrl(AuthRoutes.refresh), body), {
        'Content-Type': 'application/json',
        [HttpHeader.IDEMPOTENCY_KEY]: newIdempotencyKey(),
      });
      if (response.statusCode >= 200 && response.statusCode < 300) {
        sessionStore.set(response.data as SessionView);
        return true;
      }
      if (response.statusCode === 401) return false;
      throw toApiError(response);
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Sends with the token, refreshes it once when it has expired, and throws an ApiError for anything not 2xx. */
  async function exchange(
    method: HttpMethod,
    transport: Transport,
    baseHeader: Record<string, string>,
    auth: boolean,
    external: boolean,
  ): Promise<RawResponse> {
    // Made once per logical call, so every retry and the replay after a refresh carry the same key.
    const header =
      WRITE_METHODS.has(method) && !external
        ? { ...baseHeader, [HttpHeader.IDEMPOTENCY_KEY]: newIdempotencyKey() }
        : baseHeader;

    const attempt = async () => {
      const token = auth ? sessionStore.get()?.accessToken : undefined;
      return {
        token,
        response: await send(transport, token ? { ...header, Authorization: `Bearer ${token}` } : header),
      };
    };

    let { token, response } = await attempt();
    if (auth && response.statusCode === 401 && errorCodeOf(response.data) === ErrorCode.TOKEN_EXPIRED) {
      // Another call may have refreshed already while this one was in flight.
      const alreadyRefreshed = token !== undefined && sessionStore.get()?.accessToken !== token;
      if (alreadyRefreshed || (await refreshSession())) {
        ({ token, response } = await attempt());
      }
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const error = toApiError(response);
    if (auth && response.statusCode === 401 && SESSION_LOST_CODES.has(error.code)) sessionLost();
    throw error;
  }

  async function request<T>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    requestOptions: RequestOptions = {},
  ): Promise<T> {
    const external = requestOptions.external === true;
    const auth = !external && requestOptions.auth !== false;
    const url = withQuery(external ? path : apiUrl(path), requestOptions.query);
    const baseHeader: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) baseHeader['Content-Type'] = 'application/json';
    const response = await exchange(method, jsonTransport(method, url, body), baseHeader, auth, external);
    return (response.statusCode === 204 ? undefined : response.data) as T;
  }

  /** POSTs one file as multipart/form-data (field `fieldName`) and returns the JSON answer. */
  async function upload<T>(
    path: string,
    file: PickedFile,
    requestOptions: Pick<RequestOptions, 'query'> & { fieldName?: string } = {},
  ): Promise<T> {
    const url = withQuery(apiUrl(path), requestOptions.query);
    const fieldName = requestOptions.fieldName ?? 'file';
    const transport: Transport = (header) => uploadFile({ url, file, fieldName, header, timeoutMs });
    const response = await exchange('POST', transport, { Accept: 'application/json' }, true, false);
    return response.data as T;
  }

  /** GETs a file with the token and returns where it was saved on the device. */
  async function download(path: string, requestOptions: Pick<RequestOptions, 'query'> = {}): Promise<string> {
    const url = withQuery(apiUrl(path), requestOptions.query);
    const transport: Transport = (header) => downloadFile({ url, header, timeoutMs });
    const response = await exchange('GET', transport, {}, true, false);
    if (!response.filePath) throw new ApiError(ClientErrorCode.NETWORK_ERROR, 0, NETWORK_ERROR_MESSAGE);
    return response.filePath;
  }

  return {
    request,
    upload,
    download,
    get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
    post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
    put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
    patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
    delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  };
}

export type HttpClient = ReturnType<typeof createHttpClient>;

/** The client every service uses. */
export const http = createHttpClient();

/** The message to show for anything a call can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && hasChinese(error.message)) return error.message;
  return NETWORK_ERROR_MESSAGE;
}
