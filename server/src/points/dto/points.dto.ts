import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  POINTS_MANUAL_MAX,
  type CreateBenefitRequest,
  type ManualAwardRequest,
  type RedemptionCodeRequest,
  type ReverseEntryRequest,
  type ReviewDecisionRequest,
  type SetPointsBranchSettingsRequest,
  type UpdateBenefitRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import { trim } from '../../common/validation/validators.js';

const PAGE_MAX = 100;
const REASON_MAX = 200;
const TITLE_MAX = 60;
const DESCRIPTION_MAX = 500;
const PROVIDER_MAX = 60;
const COST_MAX = 100_000;
const STOCK_MAX = 1_000_000;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class PointsPageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class BenefitsQueryDto extends PointsPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看这个组织的权益' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class ManualAwardDto implements ManualAwardRequest {
  @ApiProperty({ example: 10, description: '正数为奖励，负数为扣减，不能为 0' })
  @IsInt()
  @NotEquals(0)
  @Min(-POINTS_MANUAL_MAX)
  @Max(POINTS_MANUAL_MAX)
  amount: number;

  @ApiProperty({ example: '春节返乡座谈会上积极建言' })
  @Transform(trim)
  @IsString()
  @Length(1, REASON_MAX)
  reason: string;
}

export class ReverseEntryDto implements ReverseEntryRequest {
  @ApiProperty({ example: '重复登记' })
  @Transform(trim)
  @IsString()
  @Length(1, REASON_MAX - 10)
  reason: string;
}

export class ReviewDecisionDto implements ReviewDecisionRequest {
  @ApiPropertyOptional({ example: '活动未实际参加' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, REASON_MAX)
  note?: string;
}

export class PointsBranchSettingsDto implements SetPointsBranchSettingsRequest {
  @ApiProperty({ description: '积分入账前是否需要支部审核' })
  @IsBoolean()
  reviewRequired: boolean;
}

export class CreateBenefitDto implements CreateBenefitRequest {
  @ApiProperty({ format: 'uuid', description: '提供权益的组织（社区、支部或上级组织）' })
  @IsUUID()
  orgId: string;

  @ApiProperty({ example: '免费手机充电一次' })
  @Transform(trim)
  @IsString()
  @Length(1, TITLE_MAX)
  title: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, DESCRIPTION_MAX)
  description?: string | null;

  @ApiProperty({ example: 20 })
  @IsInt()
  @Min(1)
  @Max(COST_MAX)
  cost: number;

  @ApiProperty({ example: 50 })
  @IsInt()
  @Min(0)
  @Max(STOCK_MAX)
  stock: number;

  @ApiPropertyOptional({ nullable: true, example: 1 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  perMemberLimit?: number | null;

  @ApiProperty({ example: '七宝镇党群服务站' })
  @Transform(trim)
  @IsString()
  @Length(1, PROVIDER_MAX)
  provider: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdateBenefitDto implements UpdateBenefitRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, TITLE_MAX)
  title?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Length(1, DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(COST_MAX)
  cost?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(STOCK_MAX)
  stock?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(1000)
  perMemberLimit?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, PROVIDER_MAX)
  provider?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class RedemptionCodeDto implements RedemptionCodeRequest {
  @ApiProperty({ example: 'ABCD-EFGH-JKMN', description: '兑换码（扫码或手工输入，空格和横线可有可无）' })
  @IsString()
  @Length(1, 40)
  code: string;
}
