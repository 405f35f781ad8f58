import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTACT_METHODS,
  CONTACT_NOTE_MAX,
  PAIRING_MAX_MEMBERS_PER_REQUEST,
  PAIRING_PAGE_MAX,
  PAIRING_REASON_MAX,
  PAIRING_RULE_LIMITS,
  type ConfirmLostRequest,
  type ContactMethod,
  type DismissLostRequest,
  type EndPairingRequest,
  type LogContactRequest,
  type LostProposalsQuery,
  type PairMembersRequest,
  type PairingPageQuery,
  type SetPairingRulesRequest,
  type UpdatePairingRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate, trim } from '../../common/validation/validators.js';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class PairMembersDto implements PairMembersRequest {
  @ApiProperty({ format: 'uuid', description: '支委委员（或支部书记）的账号' })
  @IsUUID()
  committeeAccountId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: '同一党支部的党员；原有结对将改为与此人结对' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PAIRING_MAX_MEMBERS_PER_REQUEST)
  @IsUUID('all', { each: true })
  memberIds: string[];

  @ApiPropertyOptional({ description: '出国（境）党员：按境外联系周期（默认每六个月）' })
  @IsOptional()
  @IsBoolean()
  abroad?: boolean;
}

export class UpdatePairingDto implements UpdatePairingRequest {
  @ApiProperty()
  @IsBoolean()
  abroad: boolean;
}

export class EndPairingDto implements EndPairingRequest {
  @ApiPropertyOptional({ maxLength: PAIRING_REASON_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, PAIRING_REASON_MAX)
  reason?: string;
}

export class LogContactDto implements LogContactRequest {
  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  method: ContactMethod;

  @ApiProperty({ format: 'date-time', description: '联系时间：不晚于现在，不早于 90 天前' })
  @IsISO8601({ strict: true })
  contactedAt: string;

  @ApiPropertyOptional({ description: '是否联系上（默认是）；未联系上的尝试也记录' })
  @IsOptional()
  @IsBoolean()
  reached?: boolean;

  @ApiPropertyOptional({ maxLength: CONTACT_NOTE_MAX, description: '联系情况（加密保存，仅流出地可见）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, CONTACT_NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ format: 'date', description: '计划下次联系日期' })
  @IsOptional()
  @IsCalendarDate()
  nextContactOn?: string;
}

export class SetPairingRulesDto implements SetPairingRulesRequest {
  @ApiProperty({ minimum: PAIRING_RULE_LIMITS.contactMonths.min, maximum: PAIRING_RULE_LIMITS.contactMonths.max })
  @IsInt()
  @Min(PAIRING_RULE_LIMITS.contactMonths.min)
  @Max(PAIRING_RULE_LIMITS.contactMonths.max)
  contactMonths: number;

  @ApiProperty({
    minimum: PAIRING_RULE_LIMITS.abroadContactMonths.min,
    maximum: PAIRING_RULE_LIMITS.abroadContactMonths.max,
  })
  @IsInt()
  @Min(PAIRING_RULE_LIMITS.abroadContactMonths.min)
  @Max(PAIRING_RULE_LIMITS.abroadContactMonths.max)
  abroadContactMonths: number;

  @ApiProperty({ minimum: PAIRING_RULE_LIMITS.lostAfterDays.min, maximum: PAIRING_RULE_LIMITS.lostAfterDays.max })
  @IsInt()
  @Min(PAIRING_RULE_LIMITS.lostAfterDays.min)
  @Max(PAIRING_RULE_LIMITS.lostAfterDays.max)
  lostAfterDays: number;

  @ApiProperty({ minimum: PAIRING_RULE_LIMITS.dismissQuietDays.min, maximum: PAIRING_RULE_LIMITS.dismissQuietDays.max })
  @IsInt()
  @Min(PAIRING_RULE_LIMITS.dismissQuietDays.min)
  @Max(PAIRING_RULE_LIMITS.dismissQuietDays.max)
  dismissQuietDays: number;
}

export class PairingPageQueryDto implements PairingPageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAIRING_PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAIRING_PAGE_MAX)
  limit?: number;
}

export class LostProposalsQueryDto extends PairingPageQueryDto implements LostProposalsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class ConfirmLostDto implements ConfirmLostRequest {
  @ApiPropertyOptional({ maxLength: PAIRING_REASON_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, PAIRING_REASON_MAX)
  reason?: string;
}

export class DismissLostDto implements DismissLostRequest {
  @ApiProperty({ maxLength: PAIRING_REASON_MAX, description: '排除的理由（加密保存）' })
  @Transform(trim)
  @IsString()
  @Length(1, PAIRING_REASON_MAX)
  reason: string;
}
