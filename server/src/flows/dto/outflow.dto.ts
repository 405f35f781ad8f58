import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  ESCALATION_DAYS_MAX,
  ESCALATION_DAYS_MIN,
  HOME_FOR_HOLIDAYS_PAGE_MAX,
  HOME_STAY_NOTE_MAX,
  HOME_STAY_OCCASIONS,
  RETURN_KINDS,
  type HomeForHolidaysQuery,
  type HomeStayOccasion,
  type RecordReturnRequest,
  type ResubmitOutflowRequest,
  type ReturnKind,
  type SetEscalationSettingsRequest,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate, IsNotBefore, trim } from '../../common/validation/validators.js';
import { ReportOutflowDto } from './flow.dto.js';

/** 修改后重新提交: the same fields as the first report, for the same member. */
export class ResubmitOutflowDto
  extends OmitType(ReportOutflowDto, ['memberId'] as const)
  implements ResubmitOutflowRequest
{
  @ApiPropertyOptional({ description: '页面上看到的版本号；与当前不一致时拒绝' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class RecordReturnDto implements RecordReturnRequest {
  @ApiProperty({
    enum: RETURN_KINDS,
    description: 'holiday：临时返乡（流动继续）；permanent：返乡不再外出（流动结束）',
  })
  @IsIn(RETURN_KINDS)
  kind: ReturnKind;

  @ApiPropertyOptional({ format: 'date', description: '临时返乡：到家日期' })
  @IsOptional()
  @IsCalendarDate()
  homeFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: '临时返乡：离家日期（不早于到家日期）' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('homeFrom')
  homeUntil?: string;

  @ApiPropertyOptional({ enum: HOME_STAY_OCCASIONS })
  @IsOptional()
  @IsIn(HOME_STAY_OCCASIONS)
  occasion?: HomeStayOccasion;

  @ApiPropertyOptional({ description: '说明' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, HOME_STAY_NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ description: '返乡不再外出时：页面上看到的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class HomeForHolidaysQueryDto implements HomeForHolidaysQuery {
  @ApiProperty({ format: 'uuid', description: '流出地党组织（本人管理范围内）' })
  @IsUUID()
  orgId: string;

  @ApiPropertyOptional({ format: 'date', description: '默认今天' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: '默认 30 天后' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('from')
  until?: string;

  @ApiPropertyOptional({ description: '上一页的 nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: HOME_FOR_HOLIDAYS_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HOME_FOR_HOLIDAYS_PAGE_MAX)
  limit?: number;
}

export class SetEscalationSettingsDto implements SetEscalationSettingsRequest {
  @ApiProperty({
    minimum: ESCALATION_DAYS_MIN,
    maximum: ESCALATION_DAYS_MAX,
    description: '批准外出后多少天未报到提醒支部',
  })
  @IsInt()
  @Min(ESCALATION_DAYS_MIN)
  @Max(ESCALATION_DAYS_MAX)
  arrivalDeadlineDays: number;

  @ApiProperty({
    minimum: ESCALATION_DAYS_MIN,
    maximum: ESCALATION_DAYS_MAX,
    description: '提醒支部后再过多少天上报乡镇（街道）',
  })
  @IsInt()
  @Min(ESCALATION_DAYS_MIN)
  @Max(ESCALATION_DAYS_MAX)
  townshipEscalationDays: number;
}
