import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembersModule } from '../members/members.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { FlowsController } from './flows.controller.js';
import { FlowsRepository } from './flows.repository.js';
import { FlowsService } from './flows.service.js';

/** Flows (流动) between a sending and a receiving branch. ScopeService, PiiCrypto and Clock come from the global CoreModule. */
@Module({
  imports: [OrgsModule, AuditModule, MembersModule, NotificationsModule],
  controllers: [FlowsController],
  providers: [FlowsRepository, FlowsService],
  exports: [FlowsService],
})
export class FlowsModule {}
