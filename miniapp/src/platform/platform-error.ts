/** A platform call that failed or that this platform cannot do; `message` is for people. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly reason: 'unsupported' | 'failed',
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** Mini-program APIs report failure through `errMsg` ("scanCode:fail cancel"), sometimes even when they resolve. */
export function errMsgOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { errMsg?: unknown }).errMsg === 'string') {
    return (value as { errMsg: string }).errMsg;
  }
  return value instanceof Error ? value.message : '';
}

export function isFailure(value: unknown): boolean {
  return /:fail/i.test(errMsgOf(value));
}

export function isCancel(value: unknown): boolean {
  return /cancel/i.test(errMsgOf(value));
}
