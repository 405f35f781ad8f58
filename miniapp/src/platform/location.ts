import Taro from '@tarojs/taro';
import { PlatformError, isCancel, isFailure } from './platform-error';

export interface DeviceLocation {
  latitude: number;
  longitude: number;
  /** Metres. */
  accuracy: number;
}

/**
 * Where the phone is. On weapp this needs `requiredPrivateInfos: ['getLocation']` in app.config.ts and
 * WeChat's approval; add both with the first feature that calls it.
 */
export async function getLocation(): Promise<DeviceLocation> {
  let res: Taro.getLocation.SuccessCallbackResult;
  try {
    res = await Taro.getLocation({ type: process.env.TARO_ENV === 'weapp' ? 'gcj02' : 'wgs84' });
  } catch (error) {
    throw new PlatformError(
      isCancel(error) || /auth deny|denied/i.test(String((error as { errMsg?: string })?.errMsg))
        ? '没有获得位置权限，请在设置中允许使用位置'
        : '获取位置没有成功，请稍后再试',
      'failed',
    );
  }
  if (isFailure(res) || typeof res.latitude !== 'number') {
    throw new PlatformError('获取位置没有成功，请稍后再试', 'failed');
  }
  return { latitude: res.latitude, longitude: res.longitude, accuracy: res.accuracy };
}
