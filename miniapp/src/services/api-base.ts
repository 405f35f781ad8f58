/**
 * The one place that decides where API calls go. H5 is served by the API server itself, so it uses
 * same-origin relative URLs; weapp needs an absolute origin, fixed at build time from TARO_APP_API_BASE
 * (`.env.*` files or the shell; default in config/index.ts).
 */
export const API_BASE: string =
  process.env.TARO_ENV === 'weapp' ? (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '') : '';

export function apiUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${API_BASE}${path}`;
}
