import { Module } from '@nestjs/common';
import { CheckinsModule } from '../checkins/checkins.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { PointsModule } from '../points/points.module.js';
import { NeedsService } from './needs.service.js';
import { ReturningTalentService } from './returning-talent.service.js';
import { ServiceRecordsService } from './service-records.service.js';
import { SkillCardsService } from './skill-cards.service.js';
import {
  NeedsController,
  ServiceRecordsController,
  SkillCardsController,
  VolunteerRequestsController,
} from './volunteer.controller.js';
import { VolunteerRequestsService } from './volunteer-requests.service.js';
import { VolunteerViews } from './volunteer-views.js';
import { VolunteerRepository } from './volunteer.repository.js';

/** Volunteering (志愿服务): skill cards, the board, requests, needs, service records and 雁归. */
@Module({
  imports: [OrgsModule, CheckinsModule, NotificationsModule, PointsModule],
  controllers: [SkillCardsController, VolunteerRequestsController, NeedsController, ServiceRecordsController],
  providers: [
    VolunteerRepository,
    VolunteerViews,
    SkillCardsService,
    VolunteerRequestsService,
    NeedsService,
    ServiceRecordsService,
    ReturningTalentService,
  ],
})
export class VolunteerModule {}
