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

  describe('subscribe messages on weapp', () => {
    it('answers WeChat’s choice per template, counting the newer kinds of allow as accept', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.requestSubscribeMessage.mockResolvedValue({
        errMsg: 'requestSubscribeMessage:ok',
        't-1': 'accept',
        't-2': 'reject',
        't-3': 'acceptWithAlert',
      });

      await expect(platform.requestSubscribe(['t-1', 't-2', 't-3'])).resolves.toEqual({
        't-1': 'accept',
        't-2': 'reject',
        't-3': 'accept',
      });
      expect(taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['t-1', 't-2', 't-3'] });
    });

    it('leaves out templates WeChat did not answer for, and never reports errMsg as a template', async () => {
      const { platform, taro } = await loadFor('weapp');
      taro.requestSubscribeMessage.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 't-1': 'ban' });

      await expect(platform.requestSubscribe(['t-1', 't-2'])).resolves.toEqual({ 't-1': 'ban' });
    });

    it.each([
      [
        'the person switched these messages off in WeChat (20004)',
        { errCode: 20004, errMsg: 'requestSubscribeMessage:fail main switch is off' },
        '您在微信中关闭了本小程序的消息提醒，请在右上角“…”→“设置”中打开',
      ],
      [
        'the call did not come from a tap',
        { errCode: 20003, errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' },
        '请点按“接收微信提醒”按钮开启提醒',
      ],
      [
        'anything else',
        { errCode: 20001, errMsg: 'requestSubscribeMessage:fail No template data return' },
        '开启微信提醒没有成功，请稍后再试',
      ],
    ])('explains a failure when %s', async (_label, failure, message) => {
      const { platform, taro } = await loadFor('weapp');
      taro.requestSubscribeMessage.mockRejectedValue(failure);

      await expect(platform.requestSubscribe(['t-1'])).rejects.toMatchObject({ reason: 'failed', message });
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

      expect(platform.capabilities).toEqual({ cameraScan: false, wechatLogin: false, subscribeMessage: false });
      await expect(platform.scanCode()).rejects.toThrow('请手动输入报到码');
      await expect(platform.wechatLoginCode()).rejects.toThrow('请在微信小程序中使用微信登录');
      await expect(platform.requestSubscribe(['t-1'])).rejects.toMatchObject({
        reason: 'unsupported',
        message: '当前环境不支持微信提醒，请在微信小程序中开启',
      });
      expect(taro.scanCode).not.toHaveBeenCalled();
      expect(taro.login).not.toHaveBeenCalled();
      expect(taro.requestSubscribeMessage).not.toHaveBeenCalled();
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
