import { ErrorCode } from '@pioneer/shared';
import { failure, type FakeResponse } from './responses';
import { taroMock } from './taro-mock';

/** What a page handed to Taro.request, with the URL split into path and query. */
export interface SentCall {
  url: string;
  method: string;
  header: Record<string, string>;
  data?: unknown;
  path: string;
  query: Record<string, string>;
}

function split(url: string): { path: string; query: Record<string, string> } {
  const [path, search = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return { path, query };
}

function toCall(options: Record<string, unknown>): SentCall {
  const url = String(options.url);
  return {
    url,
    method: typeof options.method === 'string' ? options.method : 'GET',
    header: (options.header as Record<string, string>) ?? {},
    data: options.data,
    ...split(url),
  };
}

/**
 * Answers Taro.request through `route`; a call it does not answer gets ROUTE_NOT_FOUND, as from
 * the real server.
 */
export function fakeApi(route: (call: SentCall) => FakeResponse | Promise<FakeResponse> | undefined): void {
  taroMock.request.mockImplementation(async (options: Record<string, unknown>) => {
    const answer = await route(toCall(options));
    return answer ?? failure(ErrorCode.ROUTE_NOT_FOUND);
  });
}

/** Every Taro.request call so far, in order. */
export function sentCalls(): SentCall[] {
  return taroMock.request.mock.calls.map(([options]) => toCall(options as Record<string, unknown>));
}

export function callsTo(method: string, path: string): SentCall[] {
  return sentCalls().filter((call) => call.method === method && call.path === path);
}
