import Taro from '@tarojs/taro';

const isWeapp = process.env.TARO_ENV === 'weapp';

type Unsubscribe = () => void;

/**
 * Calls `listener` whenever the phone gets a connection back. weapp reports every change of network
 * type; H5 fires `online`. Returns a function that stops listening.
 */
export function onNetworkRestored(listener: () => void): Unsubscribe {
  if (isWeapp) {
    const callback = (res: Taro.onNetworkStatusChange.CallbackResult) => {
      if (res.isConnected) listener();
    };
    Taro.onNetworkStatusChange(callback);
    return () => {
      Taro.offNetworkStatusChange(callback);
    };
  }
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
}

/** Calls `listener` whenever the app comes back to the foreground (WeChat re-opened, browser tab shown). */
export function onAppForeground(listener: () => void): Unsubscribe {
  if (isWeapp) {
    const callback = () => listener();
    Taro.onAppShow(callback);
    return () => {
      Taro.offAppShow(callback);
    };
  }
  if (typeof document === 'undefined') return () => undefined;
  const callback = () => {
    if (document.visibilityState === 'visible') listener();
  };
  document.addEventListener('visibilitychange', callback);
  return () => document.removeEventListener('visibilitychange', callback);
}
