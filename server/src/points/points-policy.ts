import { Injectable } from '@nestjs/common';
import { POINTS_RULES_V1, type PointsRuleSet } from '@pioneer/shared';
import { AppConfig } from '../config/app-config.js';

/**
 * The rules in force: the amounts (one versioned rule set, recorded on every
 * entry) and how many calendar years points stay valid (POINTS_VALID_YEARS).
 * A new rule set gets a new version, so old entries still say what produced
 * them (docs/points.md).
 */
@Injectable()
export class PointsPolicy {
  readonly rules: PointsRuleSet = POINTS_RULES_V1;
  /** Points earned in year Y expire when year Y + validYears begins (Beijing time). */
  readonly validYears: number;

  constructor(config: AppConfig) {
    this.validYears = config.points.validYears;
  }
}
