import { MetaRoutes, type MetaView } from '@pioneer/shared';
import { http } from './http';

export type DevLoginView = NonNullable<MetaView['devLogin']>;

export function fetchMeta(): Promise<MetaView> {
  return http.get<MetaView>(MetaRoutes.meta, { auth: false });
}

/** Asks the stand-in WeChat server for a one-time login code, as wx.login would on a phone. */
export async function mintDemoLoginCode(devLogin: DevLoginView, openid: string): Promise<string> {
  const url = `${devLogin.standInUrl.replace(/\/+$/, '')}/__standin/js-code`;
  const { code } = await http.post<{ code: string }>(url, { openid }, { external: true });
  return code;
}
