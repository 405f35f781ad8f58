import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { FeedbackDueJob } from './feedback-due.job.js';
import { FeedbackController } from './feedback.controller.js';
import { FeedbackRepository } from './feedback.repository.js';
import { FeedbackService } from './feedback.service.js';

/** Performance feedback (表现反馈): the receiving branch reports each period, the sending branch acknowledges. */
@Module({
  imports: [OrgsModule, NotificationsModule],
  controllers: [FeedbackController],
  providers: [FeedbackRepository, FeedbackService, FeedbackDueJob],
  exports: [FeedbackService],
})
export class FeedbackModule {}
