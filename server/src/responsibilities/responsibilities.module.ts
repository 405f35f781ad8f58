import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ResponsibilitiesController } from './responsibilities.controller.js';
import { ResponsibilitiesRepository } from './responsibilities.repository.js';
import { ResponsibilitiesService } from './responsibilities.service.js';

/** 三张责任清单 (built-in, per county, per agreement) and their copies per flow. ScopeService comes from the global CoreModule. */
@Module({
  imports: [OrgsModule, AgreementsModule, AuditModule],
  controllers: [ResponsibilitiesController],
  providers: [ResponsibilitiesRepository, ResponsibilitiesService],
})
export class ResponsibilitiesModule {}
