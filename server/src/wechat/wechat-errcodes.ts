import { ErrorCode } from '@pioneer/shared';

/** The WeChat server APIs this app calls; used to pick the errcode meaning, in logs and in error details. */
export type WechatApi = 'token' | 'jscode2session' | 'getuserphonenumber' | 'getwxacodeunlimit' | 'subscribe.send';

/**
 * WeChat errcodes we act on. WeChat answers HTTP 200 with `{ errcode, errmsg }`
 * for almost every failure, and the same number can mean different things on
 * different APIs (40029 is a bad login code on jscode2session and a bad phone
 * code on getuserphonenumber), so meaning is decided per API below.
 */
export const WechatErrcode = {
  SYSTEM_BUSY: -1,
  OK: 0,
  INVALID_CREDENTIAL: 40001,
  INVALID_GRANT_TYPE: 40002,
  INVALID_OPENID: 40003,
  INVALID_APPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_CODE: 40029,
  INVALID_TEMPLATE_ID: 40037,
  INVALID_ARGS: 40097,
  INVALID_APPSECRET: 40125,
  CODE_BEEN_USED: 40163,
  IP_NOT_WHITELISTED: 40164,
  INVALID_SCENE: 40169,
  HIGH_RISK_USER: 40226,
  ACCESS_TOKEN_MISSING: 41001,
  APPID_MISSING: 41002,
  APPSECRET_MISSING: 41004,
  CODE_MISSING: 41008,
  INVALID_PAGE: 41030,
  ACCESS_TOKEN_EXPIRED: 42001,
  REQUIRE_POST: 43002,
  USER_REFUSED_MESSAGE: 43101,
  DAILY_QUOTA_REACHED: 45009,
  MINUTE_QUOTA_REACHED: 45011,
  DATA_FORMAT_ERROR: 47001,
  ARGUMENT_INVALID: 47003,
} as const;

/**
 * errcodes that mean "the access_token you sent is no good" rather than
 * "your request is wrong": the client drops its cached token and retries once.
 * 40001 on /cgi-bin/token itself means a wrong AppSecret and is not in this set's scope.
 */
export const TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([
  WechatErrcode.INVALID_CREDENTIAL,
  WechatErrcode.ACCESS_TOKEN_EXPIRED,
  WechatErrcode.INVALID_ACCESS_TOKEN,
]);

/** WeChat says this app has called too often (this minute, or today): slow down, the request itself is fine. */
export const QUOTA_ERRCODES: ReadonlySet<number> = new Set([
  WechatErrcode.DAILY_QUOTA_REACHED,
  WechatErrcode.MINUTE_QUOTA_REACHED,
]);

/** Failures worth retrying later unchanged: WeChat is busy or rate-limiting us. */
export const TRANSIENT_ERRCODES: ReadonlySet<number> = new Set([WechatErrcode.SYSTEM_BUSY, ...QUOTA_ERRCODES]);

/** errcodes that are the user's (or their code's) fault, per API; everything else is WECHAT_UNAVAILABLE. */
const ERRCODE_MEANINGS: Partial<Record<WechatApi, Readonly<Record<number, ErrorCode>>>> = {
  jscode2session: {
    [WechatErrcode.INVALID_CODE]: ErrorCode.WECHAT_CODE_INVALID,
    [WechatErrcode.CODE_MISSING]: ErrorCode.WECHAT_CODE_INVALID,
    // WeChat blocks logins of accounts it rates high-risk; for the user it is a login that cannot proceed.
    [WechatErrcode.HIGH_RISK_USER]: ErrorCode.WECHAT_CODE_INVALID,
    [WechatErrcode.CODE_BEEN_USED]: ErrorCode.WECHAT_CODE_USED,
  },
  getuserphonenumber: {
    [WechatErrcode.INVALID_CODE]: ErrorCode.WECHAT_PHONE_CODE_INVALID,
    [WechatErrcode.CODE_BEEN_USED]: ErrorCode.WECHAT_PHONE_CODE_INVALID,
    [WechatErrcode.CODE_MISSING]: ErrorCode.WECHAT_PHONE_CODE_INVALID,
  },
  'subscribe.send': {
    [WechatErrcode.USER_REFUSED_MESSAGE]: ErrorCode.WECHAT_NO_SUBSCRIPTION,
  },
};

/** Which app error a WeChat errcode becomes on a given API. */
export function errorCodeForErrcode(api: WechatApi, errcode: number): ErrorCode {
  return ERRCODE_MEANINGS[api]?.[errcode] ?? ErrorCode.WECHAT_UNAVAILABLE;
}

/** Messages for the cases where the generic one would mislead the user. */
export const ERRCODE_MESSAGES: Readonly<Record<number, string>> = {
  [WechatErrcode.HIGH_RISK_USER]: '微信判断该账号存在风险，暂时无法登录',
};
