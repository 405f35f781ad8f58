import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module.js';
import { InboxController } from './inbox.controller.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';
import { WechatOutboxDispatcher } from './wechat-outbox.dispatcher.js';
import { WechatOutboxRepository } from './wechat-outbox.repository.js';
import { WechatOutboxService } from './wechat-outbox.service.js';
import { WechatSubscriptionsController } from './wechat-subscriptions.controller.js';
import { WechatSubscriptionsRepository } from './wechat-subscriptions.repository.js';
import { WechatSubscriptionsService } from './wechat-subscriptions.service.js';

/** The in-app inbox, and WeChat subscribe messages: consent credits, the outbox and its dispatcher. */
@Module({
  imports: [WechatModule],
  controllers: [InboxController, WechatSubscriptionsController],
  providers: [
    InboxRepository,
    InboxService,
    WechatSubscriptionsRepository,
    WechatSubscriptionsService,
    WechatOutboxRepository,
    WechatOutboxService,
    WechatOutboxDispatcher,
  ],
  exports: [InboxService, WechatOutboxService],
})
export class NotificationsModule {}
