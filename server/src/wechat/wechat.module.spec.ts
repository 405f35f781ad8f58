import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../config/app-config.js';
import { startStandInWechat, StandInRoutes, type StandInWechat } from './stand-in/stand-in-wechat.server.js';
import { WechatClient } from './wechat.client.js';
import { WechatModule } from './wechat.module.js';

const APP_ID = 'wx9a8b7c6d5e4f3a2b';
const APP_SECRET = '1234567890abcdef1234567890abcdef';

describe(WechatModule.name, () => {
  let standIn: StandInWechat;

  beforeAll(async () => {
    standIn = await startStandInWechat({ appId: APP_ID, appSecret: APP_SECRET });
  });

  afterAll(async () => {
    await standIn.close();
  });

  it('provides one WechatClient built from the injected AppConfig', async () => {
    // Only the wechat section is read; the app module provides the real AppConfig globally.
    const config = { wechat: { apiBaseUrl: `${standIn.url}/`, appId: APP_ID, appSecret: APP_SECRET, timeoutMs: 2000 } };
    @Global()
    @Module({ providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] })
    class TestConfigModule {}
    @Module({ imports: [TestConfigModule, WechatModule] })
    class TestAppModule {}

    const app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
    try {
      const client = app.get(WechatClient);
      expect(app.get(WechatClient)).toBe(client);
      const minted = await fetch(`${standIn.url}${StandInRoutes.jsCode}`, {
        method: 'POST',
        body: JSON.stringify({ openid: 'o-module-check' }),
      });
      const { code } = (await minted.json()) as { code: string };
      await expect(client.code2Session(code)).resolves.toEqual(expect.objectContaining({ openid: 'o-module-check' }));
    } finally {
      await app.close();
    }
  });
});
