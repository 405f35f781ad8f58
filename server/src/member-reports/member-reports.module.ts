import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { GreetingsController } from './greetings/greetings.controller.js';
import { GreetingsRepository } from './greetings/greetings.repository.js';
import { GreetingsService } from './greetings/greetings.service.js';
import { ReportRemindersService } from './reports/report-reminders.service.js';
import { MyReportsController, ReportsController } from './reports/reports.controller.js';
import { ReportsRepository } from './reports/reports.repository.js';
import { ReportsService } from './reports/reports.service.js';
import { SuggestionImagesPurgeService } from './suggestions/suggestion-images-purge.service.js';
import { MySuggestionsController, SuggestionsController } from './suggestions/suggestions.controller.js';
import { SuggestionsRepository } from './suggestions/suggestions.repository.js';
import { SuggestionsService } from './suggestions/suggestions.service.js';

/** What members send home and hear back: reports (思想汇报, 组织生活月报告), suggestions (建言献策), holiday greetings. */
@Module({
  imports: [OrgsModule, AuditModule, NotificationsModule],
  controllers: [
    MyReportsController,
    ReportsController,
    MySuggestionsController,
    SuggestionsController,
    GreetingsController,
  ],
  providers: [
    ReportsRepository,
    ReportsService,
    ReportRemindersService,
    SuggestionsRepository,
    SuggestionsService,
    SuggestionImagesPurgeService,
    GreetingsRepository,
    GreetingsService,
  ],
})
export class MemberReportsModule {}
