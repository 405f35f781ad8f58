import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { WechatClient } from './wechat.client.js';

/**
 * Provides the one WechatClient of the process. One instance matters: it holds
 * the access_token cache, and every extra instance would fetch its own token
 * and, through WeChat's rotation, shorten the life of the others'.
 */
@Module({
  providers: [
    {
      provide: WechatClient,
      useFactory: (config: AppConfig) => new WechatClient(config.wechat),
      inject: [AppConfig],
    },
  ],
  exports: [WechatClient],
})
export class WechatModule {}
