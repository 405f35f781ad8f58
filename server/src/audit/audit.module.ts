import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

/** The audit log. Other features import this module and call AuditService.record. */
@Module({
  controllers: [AuditController],
  // ScopeService comes from the global CoreModule.
  providers: [AuditService, AuditRepository],
  exports: [AuditService],
})
export class AuditModule {}
