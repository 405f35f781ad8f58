import { Injectable } from '@nestjs/common';
import { POINTS_DEFAULT_VALID_YEARS, POINTS_RULES_V1, type PointsRuleSet } from '@pioneer/shared';

/**
 * The rules in force: the amounts (one versioned rule set, recorded on every
 * entry) and how many calendar years points stay valid. One place to change
 * them; a new rule set gets a new version so old entries still say what
 * produced them (docs/points.md).
 */
@Injectable()
export class PointsPolicy {
  rules: PointsRuleSet = POINTS_RULES_V1;
  /** Points earned in year Y expire when year Y + validYears begins (Beijing time). */
  validYears = POINTS_DEFAULT_VALID_YEARS;
}
