import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { FlowsModule } from '../flows/flows.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { LostContactService } from './lost-contact.service.js';
import { PairingJobsService } from './pairing-jobs.service.js';
import { PairingController } from './pairing.controller.js';
import { PairingRepository } from './pairing.repository.js';
import { PairingService } from './pairing.service.js';

/** 结对联系. ScopeService, PiiCrypto, Clock and JobQueue come from global modules. */
@Module({
  imports: [OrgsModule, AccountsModule, AuditModule, NotificationsModule, FlowsModule],
  controllers: [PairingController],
  providers: [PairingRepository, PairingService, LostContactService, PairingJobsService],
  exports: [PairingService],
})
export class PairingModule {}
