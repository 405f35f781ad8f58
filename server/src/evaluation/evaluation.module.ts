import { Module } from '@nestjs/common';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { EvaluationController, MyEvaluationController } from './evaluation.controller.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { EvaluationService } from './evaluation.service.js';

/** Democratic evaluation (民主评议党员): yearly rounds by the sending branch, self-assessments, results. */
@Module({
  imports: [OrgsModule, NotificationsModule, FeedbackModule],
  controllers: [EvaluationController, MyEvaluationController],
  providers: [EvaluationRepository, EvaluationService],
})
export class EvaluationModule {}
