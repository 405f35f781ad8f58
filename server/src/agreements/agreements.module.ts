import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { AgreementsController } from './agreements.controller.js';
import { AgreementsRepository } from './agreements.repository.js';
import { AgreementsService } from './agreements.service.js';

/** 共管协议 between sending and receiving regions. ScopeService and Clock come from the global CoreModule. */
@Module({
  imports: [OrgsModule, AuditModule],
  controllers: [AgreementsController],
  providers: [AgreementsRepository, AgreementsService],
  exports: [AgreementsService],
})
export class AgreementsModule {}
