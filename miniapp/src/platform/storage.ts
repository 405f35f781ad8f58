import Taro from '@tarojs/taro';

/** Small JSON values kept on the device. Unreadable entries count as missing. */
export const storage = {
  get<T>(key: string): T | null {
    try {
      const raw: unknown = Taro.getStorageSync(key);
      if (typeof raw !== 'string' || raw === '') return null;
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  },
  set(key: string, value: unknown): void {
    try {
      Taro.setStorageSync(key, JSON.stringify(value));
    } catch {
      // Storage full or disabled (private browsing): the app still works, it just forgets on restart.
    }
  },
  remove(key: string): void {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // Nothing to do: see set().
    }
  },
};
