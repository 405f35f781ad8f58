import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembersModule } from '../members/members.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ArrivalEscalationsService } from './arrival-escalations.service.js';
import { FlowsController } from './flows.controller.js';
import { FlowsRepository } from './flows.repository.js';
import { FlowsService } from './flows.service.js';
import { HomeStaysService } from './home-stays.service.js';
import { OutflowController } from './outflow.controller.js';
import { OutflowRepository } from './outflow.repository.js';
import { OutflowService } from './outflow.service.js';
import { WorkflowsController } from './workflows.controller.js';

/**
 * Flows (流动) between a sending and a receiving branch, and the outflow
 * workflow around them (report versions, certificate, no-arrival
 * escalation, returns home). ScopeService, PiiCrypto, Clock and JobQueue
 * come from global modules.
 */
@Module({
  imports: [OrgsModule, AuditModule, MembersModule, NotificationsModule],
  controllers: [FlowsController, OutflowController, WorkflowsController],
  providers: [
    FlowsRepository,
    FlowsService,
    OutflowRepository,
    OutflowService,
    HomeStaysService,
    ArrivalEscalationsService,
  ],
  exports: [FlowsService],
})
export class FlowsModule {}
