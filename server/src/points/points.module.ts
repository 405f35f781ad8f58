import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { MyPointsController, PointsLedgerController, RedemptionsController } from './points.controller.js';
import { PointsJobs } from './points-jobs.js';
import { PointsPolicy } from './points-policy.js';
import { PointsRepository } from './points.repository.js';
import { PointsService } from './points.service.js';
import { RedemptionsService } from './redemptions.service.js';

/** Points (积分): the append-only ledger, its review and expiry, and redemption of benefits. */
@Module({
  imports: [OrgsModule],
  controllers: [MyPointsController, PointsLedgerController, RedemptionsController],
  providers: [PointsRepository, PointsPolicy, PointsService, RedemptionsService, PointsJobs],
  exports: [PointsService],
})
export class PointsModule {}
