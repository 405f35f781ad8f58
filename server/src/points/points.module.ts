import { Module } from '@nestjs/common';
import { OrgsModule } from '../orgs/orgs.module.js';
import { PointsPolicy } from './points-policy.js';
import { PointsRepository } from './points.repository.js';
import { PointsService } from './points.service.js';

/** Points (积分): the append-only ledger, its review and expiry, and redemption of benefits. */
@Module({
  imports: [OrgsModule],
  providers: [PointsRepository, PointsPolicy, PointsService],
  exports: [PointsService],
})
export class PointsModule {}
