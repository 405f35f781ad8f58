/**
 * Stands in for @tarojs/taro (mapped in jest.config.js). Platform calls are jest.fn()s that tests
 * script; page hooks run like they do when a page first shows.
 */
import { useEffect, useRef, useState } from 'react';

const storage = new Map<string, unknown>();

const resolved = () => Promise.resolve({ errMsg: 'ok' });

export const taroMock = {
  request: jest.fn(),
  uploadFile: jest.fn(),
  downloadFile: jest.fn(),
  chooseMessageFile: jest.fn(),
  openDocument: jest.fn(),
  login: jest.fn(),
  scanCode: jest.fn(),
  requestSubscribeMessage: jest.fn(),
  getLocation: jest.fn(),
  showToast: jest.fn(resolved),
  navigateTo: jest.fn(resolved),
  redirectTo: jest.fn(resolved),
  switchTab: jest.fn(resolved),
  reLaunch: jest.fn(resolved),
  navigateBack: jest.fn(resolved),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  getCurrentPages: jest.fn(() => []),
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
};

let routerParams: Record<string, string> = {};

/** The query of the page under test, as useRouter() hands it over. */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}

const reachBottomHandlers = new Set<() => void>();

/** Scrolls the page under test to its bottom, as the framework reports it. */
export function reachBottom(): void {
  for (const handler of [...reachBottomHandlers]) handler();
}

/** Puts every fake back to its first state; unscripted network or platform calls fail loudly. */
export function resetTaroMock(): void {
  storage.clear();
  const unscripted = (name: string) => () =>
    Promise.reject(new Error(`Taro.${name} was called but the test did not script it`));
  taroMock.request.mockReset().mockImplementation(unscripted('request'));
  taroMock.uploadFile.mockReset().mockImplementation(unscripted('uploadFile'));
  taroMock.downloadFile.mockReset().mockImplementation(unscripted('downloadFile'));
  taroMock.chooseMessageFile.mockReset().mockImplementation(unscripted('chooseMessageFile'));
  taroMock.openDocument.mockReset().mockImplementation(unscripted('openDocument'));
  routerParams = {};
  reachBottomHandlers.clear();
  taroMock.login.mockReset().mockImplementation(unscripted('login'));
  taroMock.scanCode.mockReset().mockImplementation(unscripted('scanCode'));
  taroMock.requestSubscribeMessage.mockReset().mockImplementation(unscripted('requestSubscribeMessage'));
  taroMock.getLocation.mockReset().mockImplementation(unscripted('getLocation'));
}

function useOnFirstShow(callback: () => void): void {
  const [onFirstShow] = useState(() => callback);
  useEffect(() => {
    onFirstShow();
  }, [onFirstShow]);
}

export const useLoad = useOnFirstShow;
export const useDidShow = useOnFirstShow;
export const useReady = useOnFirstShow;
export const useDidHide: (callback: () => void) => void = () => undefined;
export const usePullDownRefresh: (callback: () => void) => void = () => undefined;
export const useRouter = () => ({ params: routerParams, path: '' });

export function useReachBottom(callback: () => void): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    const handler = () => latest.current();
    reachBottomHandlers.add(handler);
    return () => {
      reachBottomHandlers.delete(handler);
    };
  }, []);
}

export default taroMock;
