/**
 * Every error the API returns carries one of these codes. The HTTP status is
 * fixed per code so clients can rely on both. Validation problems are 400
 * (see docs/architecture.md, "Errors").
 */
export const ErrorCode = {
  // request shape
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  // routing and resources
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  CONFLICT: 'CONFLICT',
  // idempotency
  IDEMPOTENCY_KEY_INVALID: 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS: 'IDEMPOTENCY_IN_PROGRESS',
  // authentication and access
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  FORBIDDEN: 'FORBIDDEN',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  RATE_LIMITED: 'RATE_LIMITED',
  // WeChat
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_CODE_USED: 'WECHAT_CODE_USED',
  WECHAT_PHONE_CODE_INVALID: 'WECHAT_PHONE_CODE_INVALID',
  WECHAT_NO_SUBSCRIPTION: 'WECHAT_NO_SUBSCRIPTION',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  // organisations, roster and flows
  ORG_LEVEL_INVALID: 'ORG_LEVEL_INVALID',
  ID_NUMBER_INVALID: 'ID_NUMBER_INVALID',
  PHONE_INVALID: 'PHONE_INVALID',
  MEMBER_DUPLICATE_ID_NUMBER: 'MEMBER_DUPLICATE_ID_NUMBER',
  MEMBER_ALREADY_BOUND: 'MEMBER_ALREADY_BOUND',
  ACCOUNT_ALREADY_BOUND: 'ACCOUNT_ALREADY_BOUND',
  BIND_NO_MATCH: 'BIND_NO_MATCH',
  FLOW_ALREADY_OPEN: 'FLOW_ALREADY_OPEN',
  FLOW_WRONG_STATE: 'FLOW_WRONG_STATE',
  FLOW_WRONG_ACTOR: 'FLOW_WRONG_ACTOR',
  AGREEMENT_ALREADY_ENDED: 'AGREEMENT_ALREADY_ENDED',
  RESPONSIBILITY_ITEM_DUPLICATE: 'RESPONSIBILITY_ITEM_DUPLICATE',
  // 流动先锋码 and check-ins
  CODE_MALFORMED: 'CODE_MALFORMED',
  CODE_FORGED: 'CODE_FORGED',
  CODE_EXPIRED: 'CODE_EXPIRED',
  CODE_REVOKED: 'CODE_REVOKED',
  CODE_WRONG_BRANCH: 'CODE_WRONG_BRANCH',
  CODE_WRONG_KIND: 'CODE_WRONG_KIND',
  ACTIVITY_CANCELLED: 'ACTIVITY_CANCELLED',
  ACTIVITY_NOT_CHECKED_IN: 'ACTIVITY_NOT_CHECKED_IN',
  CLIENT_ID_REUSED: 'CLIENT_ID_REUSED',
  // ledgers
  IMPORT_FILE_INVALID: 'IMPORT_FILE_INVALID',
  IMPORT_INVALID: 'IMPORT_INVALID',
  EXPORT_TOO_LARGE: 'EXPORT_TOO_LARGE',
  // server
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_FIELD: 400,
  MALFORMED_JSON: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  REFRESH_TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  WEAK_PASSWORD: 400,
  RATE_LIMITED: 429,
  WECHAT_CODE_INVALID: 400,
  WECHAT_CODE_USED: 400,
  WECHAT_PHONE_CODE_INVALID: 400,
  WECHAT_NO_SUBSCRIPTION: 409,
  WECHAT_UNAVAILABLE: 502,
  ORG_LEVEL_INVALID: 400,
  ID_NUMBER_INVALID: 400,
  PHONE_INVALID: 400,
  MEMBER_DUPLICATE_ID_NUMBER: 409,
  MEMBER_ALREADY_BOUND: 409,
  ACCOUNT_ALREADY_BOUND: 409,
  BIND_NO_MATCH: 404,
  FLOW_ALREADY_OPEN: 409,
  FLOW_WRONG_STATE: 409,
  FLOW_WRONG_ACTOR: 403,
  AGREEMENT_ALREADY_ENDED: 409,
  RESPONSIBILITY_ITEM_DUPLICATE: 400,
  CODE_MALFORMED: 400,
  CODE_FORGED: 400,
  CODE_EXPIRED: 410,
  CODE_REVOKED: 410,
  CODE_WRONG_BRANCH: 409,
  CODE_WRONG_KIND: 400,
  ACTIVITY_CANCELLED: 409,
  ACTIVITY_NOT_CHECKED_IN: 409,
  CLIENT_ID_REUSED: 422,
  IMPORT_FILE_INVALID: 400,
  IMPORT_INVALID: 422,
  EXPORT_TOO_LARGE: 422,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

/** Default person-readable messages (Simplified Chinese); the server may give a more specific one. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  UNKNOWN_FIELD: '提交了系统不认识的字段',
  MALFORMED_JSON: '请求内容格式不正确',
  PAYLOAD_TOO_LARGE: '提交的内容太大',
  UNSUPPORTED_MEDIA_TYPE: '不支持的内容类型',
  ROUTE_NOT_FOUND: '没有这个接口',
  NOT_FOUND: '找不到要访问的内容',
  METHOD_NOT_ALLOWED: '不支持这种请求方式',
  CONFLICT: '数据已被修改，请刷新后重试',
  IDEMPOTENCY_KEY_INVALID: '请求编号格式不正确',
  IDEMPOTENCY_KEY_REUSED: '同一个请求编号不能用于不同的内容',
  IDEMPOTENCY_IN_PROGRESS: '上一次提交还在处理中，请稍候',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  REFRESH_TOKEN_INVALID: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  INVALID_CREDENTIALS: '用户名或密码不正确',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已临时锁定，请稍后再试',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  WEAK_PASSWORD: '密码不符合要求',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  WECHAT_CODE_INVALID: '微信登录凭证无效，请重新登录',
  WECHAT_CODE_USED: '微信登录凭证已使用，请重新登录',
  WECHAT_PHONE_CODE_INVALID: '手机号授权已失效，请重新授权',
  WECHAT_NO_SUBSCRIPTION: '对方未订阅该消息',
  WECHAT_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  ORG_LEVEL_INVALID: '这一级组织不能建在所选的上级组织下面',
  ID_NUMBER_INVALID: '身份证号码不正确，请核对',
  PHONE_INVALID: '手机号码不正确，请核对',
  MEMBER_DUPLICATE_ID_NUMBER: '该身份证号码已在党员名册中',
  MEMBER_ALREADY_BOUND: '该党员已绑定其他微信账号，如需更换请联系所在支部',
  ACCOUNT_ALREADY_BOUND: '您的微信已绑定党员信息，如需更换请联系所在支部',
  BIND_NO_MATCH: '没有找到与您填写信息一致的党员，请核对后重试或联系所在支部',
  FLOW_ALREADY_OPEN: '该党员已有进行中的流动记录',
  FLOW_WRONG_STATE: '当前状态下不能进行这个操作',
  FLOW_WRONG_ACTOR: '这个操作应由另一方完成',
  AGREEMENT_ALREADY_ENDED: '这份共管协议已经终止',
  RESPONSIBILITY_ITEM_DUPLICATE: '同一张责任清单里有重复的事项，请删去重复的一项',
  CODE_MALFORMED: '这不是流动先锋码，请对准党组织或活动现场的二维码再试',
  CODE_FORGED: '二维码校验没有通过，可能被改动过，请扫描原始二维码',
  CODE_EXPIRED: '二维码已过期，请扫描屏幕上最新的二维码',
  CODE_REVOKED: '这个二维码已停用，请向党组织索取新的二维码',
  CODE_WRONG_BRANCH: '这个二维码不属于当前的党支部或活动',
  CODE_WRONG_KIND: '这个二维码不能用在这里',
  ACTIVITY_CANCELLED: '活动已取消',
  ACTIVITY_NOT_CHECKED_IN: '还没有签到，不能签退',
  CLIENT_ID_REUSED: '同一个提交编号不能用于不同的内容',
  IMPORT_FILE_INVALID: '无法读取上传的表格，请使用下载的模板另存为 .xlsx 后重试',
  IMPORT_INVALID: '表格中有填写错误，请按提示逐条修改后重新导入，本次未导入任何数据',
  EXPORT_TOO_LARGE: '要导出的党员太多，请选择下一级组织分别导出',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL_ERROR: '系统出现问题，请稍后再试',
};

/** The one shape of every error response. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[] | Record<string, unknown>;
}

/** One problem with one field of a request. `path` is dotted: `items.0.name`. */
export interface ErrorDetail {
  path: string;
  problem: string;
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && v.code in ERROR_HTTP_STATUS;
}
