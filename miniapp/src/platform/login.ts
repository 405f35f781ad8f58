import Taro from '@tarojs/taro';
import { capabilities } from './capabilities';
import { PlatformError, isFailure } from './platform-error';

/** A one-time code from wx.login for the server to exchange; each code works once. */
export async function wechatLoginCode(): Promise<string> {
  if (!capabilities.wechatLogin) {
    throw new PlatformError('请在微信小程序中使用微信登录', 'unsupported');
  }
  let res: Taro.login.SuccessCallbackResult;
  try {
    res = await Taro.login();
  } catch {
    throw new PlatformError('微信登录没有成功，请检查网络后重试', 'failed');
  }
  if (isFailure(res) || !res.code) {
    throw new PlatformError('微信登录没有成功，请检查网络后重试', 'failed');
  }
  return res.code;
}
