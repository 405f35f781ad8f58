import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FEEDBACK_ASSESSMENT_MAX,
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_PERIOD_MONTHS,
  FEEDBACK_RATINGS,
  FEEDBACK_STATUSES,
  type AcknowledgeFeedbackRequest,
  type CreateFeedbackRequest,
  type FeedbackDueQuery,
  type FeedbackPeriodMonths,
  type FeedbackRating,
  type FeedbackStatus,
  type ListFeedbackQuery,
  type SetFeedbackSettingsRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { trim } from '../../common/validation/validators.js';

const PERIOD = /^\d{4}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;
const PAGE_MAX = 100;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class FeedbackDueQueryDto implements FeedbackDueQuery {
  @ApiPropertyOptional({ description: '流入地党支部（默认：我所在的全部组织）' })
  @IsOptional()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional({ example: '2026-Q1' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must look like 2026-Q1, 2026-H2, 2026-03 or 2026' })
  period?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class FeedbackDraftQueryDto {
  @ApiPropertyOptional({ example: '2026-Q1', description: '默认：按反馈周期刚结束的一期' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must look like 2026-Q1, 2026-H2, 2026-03 or 2026' })
  period?: string;
}

export class CreateFeedbackDto implements CreateFeedbackRequest {
  @ApiProperty()
  @IsUUID()
  flowId: string;

  @ApiProperty({ example: '2026-Q1' })
  @Matches(PERIOD, { message: 'period must look like 2026-Q1, 2026-H2, 2026-03 or 2026' })
  period: string;

  @ApiProperty({ enum: FEEDBACK_RATINGS })
  @IsIn(FEEDBACK_RATINGS)
  rating: FeedbackRating;

  @ApiProperty({ maxLength: FEEDBACK_ASSESSMENT_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, FEEDBACK_ASSESSMENT_MAX)
  assessment: string;
}

export class AcknowledgeFeedbackDto implements AcknowledgeFeedbackRequest {
  @ApiPropertyOptional({ maxLength: FEEDBACK_COMMENT_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, FEEDBACK_COMMENT_MAX)
  comment?: string;
}

export class ListFeedbackQueryDto implements ListFeedbackQuery {
  @ApiProperty({ enum: ['received', 'sent'] })
  @IsIn(['received', 'sent'])
  side: 'received' | 'sent';

  @ApiPropertyOptional({ enum: FEEDBACK_STATUSES })
  @IsOptional()
  @IsIn(FEEDBACK_STATUSES)
  status?: FeedbackStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class FeedbackSettingsQueryDto {
  @ApiProperty()
  @IsUUID()
  orgId: string;
}

export class SetFeedbackSettingsDto implements SetFeedbackSettingsRequest {
  @ApiProperty()
  @IsUUID()
  orgId: string;

  @ApiProperty({ enum: FEEDBACK_PERIOD_MONTHS })
  @IsIn(FEEDBACK_PERIOD_MONTHS)
  periodMonths: FeedbackPeriodMonths;
}
