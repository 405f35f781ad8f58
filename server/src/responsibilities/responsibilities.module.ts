import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ResponsibilitiesController } from './responsibilities.controller.js';
import { ResponsibilitiesSweepService } from './responsibilities-sweep.service.js';
import { ResponsibilitiesRepository } from './responsibilities.repository.js';
import { ResponsibilitiesService } from './responsibilities.service.js';

/**
 * 三张责任清单 (built-in, per county, per agreement), their copies per flow,
 * marking items done, progress and the daily overdue sweep. ScopeService,
 * PiiCrypto, Clock and JobQueue come from global modules.
 */
@Module({
  imports: [OrgsModule, AgreementsModule, AuditModule, NotificationsModule],
  controllers: [ResponsibilitiesController],
  providers: [ResponsibilitiesRepository, ResponsibilitiesService, ResponsibilitiesSweepService],
  exports: [ResponsibilitiesService],
})
export class ResponsibilitiesModule {}
