import type * as TaroMockModule from '../../test/taro-mock';
import type * as FilesModule from './files';
import type * as PlatformModule from './index';

type Platform = typeof PlatformModule;
type TaroMock = typeof TaroMockModule.taroMock;

/** Loads the adapter as a build for `target` would see it (TARO_ENV is read when a module loads). */
async function loadFor(target: 'weapp' | 'h5'): Promise<{ platform: Platform; taro: TaroMock }> {
  const previous = process.env.TARO_ENV;
  process.env.TARO_ENV = target;
  try {
    let loaded: { platform: Platform; taro: TaroMock } | undefined;
    await jest.isolateModulesAsync(async () => {
      // In this fresh module registry, '@tarojs/taro' resolves to this same copy of the mock.
      const mock: typeof TaroMockModule = await import('../../test/taro-mock');
      mock.resetTaroMock();
      loaded = { platform: await import('./index'), taro: mock.taroMock };
    });
    if (!loaded) throw new Error('platform did not load');
    return loaded;
  } finally {
    process.env.TARO_ENV = previous;
  }
}

describe('platform adapter', () => {
  describe('on weapp', () => {
    it('returns the code from wx.login', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.login.mockResolvedValue({ code: 'wx-code-1', errMsg: 'login:ok' });

      await expect(platform.wechatLoginCode()).resolves.toBe('wx-code-1');
    });

    it('treats a login that resolves with a failure errMsg as a failure', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.login.mockResolvedValue({ errMsg: 'login:fail not supported' });

      await expect(platform.wechatLoginCode()).rejects.toThrow('微信登录没有成功');
    });

    it('reports a cancelled scan as cancelled, not as an error', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.scanCode.mockRejectedValue({ errMsg: 'scanCode:fail cancel' });

      await expect(platform.scanCode()).resolves.toEqual({ kind: 'cancelled' });
    });

    it('passes on the path of a mini-program code', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.scanCode.mockResolvedValue({ result: '*', path: 'pages/scan/index?scene=B1', errMsg: 'scanCode:ok' });

      await expect(platform.scanCode()).resolves.toEqual({
        kind: 'scanned',
        result: '*',
        path: 'pages/scan/index?scene=B1',
      });
    });
  });

  describe('spreadsheet files on weapp', () => {
    async function loadFiles() {
      const previous = process.env.TARO_ENV;
      process.env.TARO_ENV = 'weapp';
      try {
        let loaded: { files: typeof FilesModule; taro: TaroMock } | undefined;
        await jest.isolateModulesAsync(async () => {
          const mock: typeof TaroMockModule = await import('../../test/taro-mock');
          mock.resetTaroMock();
          loaded = { files: await import('./files'), taro: mock.taroMock };
        });
        if (!loaded) throw new Error('files did not load');
        return loaded;
      } finally {
        process.env.TARO_ENV = previous;
      }
    }

    it('takes one .xlsx from a WeChat chat', async () => {
      const { files, taro } = await loadFiles();
      taro.chooseMessageFile.mockResolvedValue({
        tempFiles: [{ name: '名册.xlsx', size: 2048, path: 'wxfile://tmp_1.xlsx', type: 'file', time: 0 }],
        errMsg: 'chooseMessageFile:ok',
      });

      await expect(files.chooseSpreadsheetFromChat()).resolves.toEqual({
        name: '名册.xlsx',
        size: 2048,
        path: 'wxfile://tmp_1.xlsx',
      });
      expect(taro.chooseMessageFile).toHaveBeenCalledWith({ count: 1, type: 'file', extension: ['xlsx'] });
    });

    it('treats closing the chooser as no choice, not as an error', async () => {
      const { files, taro } = await loadFiles();
      taro.chooseMessageFile.mockRejectedValue({ errMsg: 'chooseMessageFile:fail cancel' });

      await expect(files.chooseSpreadsheetFromChat()).resolves.toBeNull();
    });

    it('opens a downloaded spreadsheet in WeChat with its menu for forwarding', async () => {
      const { files, taro } = await loadFiles();
      taro.openDocument.mockResolvedValue({ errMsg: 'openDocument:ok' });

      await files.openDownloadedFile('wxfile://tmp_2.xlsx', '台账.xlsx');

      expect(taro.openDocument).toHaveBeenCalledWith({
        filePath: 'wxfile://tmp_2.xlsx',
        fileType: 'xlsx',
        showMenu: true,
      });
    });
  });

  describe('on H5', () => {
    it('does not pretend to scan or to log in with WeChat', async () => {
      const { platform, taro } = await loadFor('h5');

      expect(platform.capabilities).toEqual({ cameraScan: false, wechatLogin: false });
      await expect(platform.scanCode()).rejects.toThrow('请手动输入报到码');
      await expect(platform.wechatLoginCode()).rejects.toThrow('请在微信小程序中使用微信登录');
      expect(taro.scanCode).not.toHaveBeenCalled();
      expect(taro.login).not.toHaveBeenCalled();
    });
  });

  describe('storage', () => {
    it('keeps JSON values and treats unreadable ones as missing', async () => {
      const { platform, taro } = await loadFor('h5');

      platform.storage.set('k', { a: 1 });
      expect(platform.storage.get('k')).toEqual({ a: 1 });
      taro.setStorageSync('broken', '{not json');
      expect(platform.storage.get('broken')).toBeNull();
      platform.storage.remove('k');
      expect(platform.storage.get('k')).toBeNull();
    });
  });
});
