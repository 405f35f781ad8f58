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

/** Whether the person has already let the app use the location, without asking them. */
async function locationAllowed(): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') {
    const settings = await Taro.getSetting();
    return settings.authSetting?.['scope.userLocation'] === true;
  }
  if (typeof navigator === 'undefined' || !navigator.permissions?.query) return false;
  const status = await navigator.permissions.query({ name: 'geolocation' });
  return status.state === 'granted';
}

/**
 * The phone's position when the person has allowed it, or null: never asks, never throws, and gives up
 * after `timeoutMs` so nothing waits on a slow GPS fix.
 */
export async function getLocationIfAllowed(timeoutMs: number): Promise<DeviceLocation | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const giveUp = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const attempt = (async () => {
    try {
      return (await locationAllowed()) ? await getLocation() : null;
    } catch {
      return null;
    }
  })();
  try {
    return await Promise.race([attempt, giveUp]);
  } finally {
    clearTimeout(timer);
  }
}
