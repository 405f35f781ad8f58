import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MembersModule } from '../members/members.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { LedgersController } from './ledgers.controller.js';
import { LedgersRepository } from './ledgers.repository.js';
import { LedgersService } from './ledgers.service.js';

/** Ledgers (台账). ScopeService, PiiCrypto and Clock come from the global CoreModule. */
@Module({
  imports: [MembersModule, OrgsModule, AuditModule],
  controllers: [LedgersController],
  providers: [LedgersRepository, LedgersService],
  exports: [LedgersService],
})
export class LedgersModule {}
