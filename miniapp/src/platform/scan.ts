import Taro from '@tarojs/taro';
import { capabilities } from './capabilities';
import { PlatformError, isCancel, isFailure } from './platform-error';

export type ScanOutcome =
  | {
      kind: 'scanned';
      result: string;
      /** Set when a mini-program code was scanned from inside the app. */ path?: string;
    }
  | { kind: 'cancelled' };

// Branch codes are mini-program codes ('wxCode'); Taro's types do not list that WeChat scan type.
const SCAN_TYPES = ['qrCode', 'wxCode'] as unknown as (keyof Taro.scanCode.ScanType)[];

export async function scanCode(): Promise<ScanOutcome> {
  if (!capabilities.cameraScan) {
    throw new PlatformError('当前环境不支持扫码，请手动输入报到码', 'unsupported');
  }
  let res: Taro.scanCode.SuccessCallbackResult;
  try {
    res = await Taro.scanCode({ onlyFromCamera: false, scanType: SCAN_TYPES });
  } catch (error) {
    if (isCancel(error)) return { kind: 'cancelled' };
    throw new PlatformError('扫码没有成功，请再试一次', 'failed');
  }
  // Some builds resolve with an errMsg instead of rejecting.
  if (isCancel(res)) return { kind: 'cancelled' };
  if (isFailure(res) || !res.result) throw new PlatformError('扫码没有成功，请再试一次', 'failed');
  return res.path ? { kind: 'scanned', result: res.result, path: res.path } : { kind: 'scanned', result: res.result };
}
