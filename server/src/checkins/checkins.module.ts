import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { LedgersModule } from '../ledgers/ledgers.module.js';
import { MembersModule } from '../members/members.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { ActivitiesService } from './activities.service.js';
import { ArrivalsService } from './arrivals.service.js';
import { ActivitiesController, ArrivalsController, CodesController } from './checkins.controller.js';
import { CheckinsRepository } from './checkins.repository.js';
import { CheckinsService } from './checkins.service.js';
import { CodeKeysService } from './code-keys.service.js';
import { CodesService } from './codes.service.js';
import { WxacodesRepository } from './wxacodes.repository.js';
import { WxacodesService } from './wxacodes.service.js';

/** 流动先锋码: branch and personal codes, arrivals through them, activities and check-ins. */
@Module({
  imports: [OrgsModule, FlowsModule, LedgersModule, MembersModule, AuditModule, WechatModule],
  controllers: [CodesController, ArrivalsController, ActivitiesController],
  providers: [
    CheckinsRepository,
    WxacodesRepository,
    CodeKeysService,
    WxacodesService,
    CodesService,
    ActivitiesService,
    ArrivalsService,
    CheckinsService,
  ],
  exports: [CheckinsService, ActivitiesService, CodesService],
})
export class CheckinsModule {}
