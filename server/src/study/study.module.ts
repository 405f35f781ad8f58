import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { MembersModule } from '../members/members.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { PointsModule } from '../points/points.module.js';
import { PairingModule } from '../pairing/pairing.module.js';
import { MyStudyController, StudyController } from './study.controller.js';
import { StudyDeliveryService } from './study-delivery.service.js';
import { StudyPacksService } from './study-packs.service.js';
import { StudyPlansService } from './study-plans.service.js';
import { StudyReadingService } from './study-reading.service.js';
import { StudyRemindersService } from './study-reminders.service.js';
import { StudyRepository } from './study.repository.js';

/** Study packs (学习礼包): authoring, delivery through the job queue, reading and the study record, plans and oversight. */
@Module({
  imports: [OrgsModule, MembersModule, AccountsModule, AuditModule, NotificationsModule, PairingModule, PointsModule],
  controllers: [StudyController, MyStudyController],
  providers: [
    StudyRepository,
    StudyDeliveryService,
    StudyPacksService,
    StudyReadingService,
    StudyPlansService,
    StudyRemindersService,
  ],
})
export class StudyModule {}
