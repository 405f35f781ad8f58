import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AVAILABILITY_NOTE_MAX,
  CARD_DESCRIPTION_MAX,
  CARD_EXTRA_SKILLS_MAX,
  CARD_PHOTO_MAX_BYTES,
  CARD_PHOTO_TYPES,
  CARD_REGION_MAX,
  CARD_SKILLS_MAX,
  CARD_STATUSES,
  DAY_SLOTS,
  DECLINE_REASON_MAX,
  NEED_DESCRIPTION_MAX,
  NEED_HEADCOUNT_MAX,
  NEED_PLACE_MAX,
  NEED_TITLE_MAX,
  RATING_COMMENT_MAX,
  RATING_MAX,
  RATING_MIN,
  REQUEST_MESSAGE_MAX,
  REQUEST_PLACE_MAX,
  REQUEST_TIME_MAX,
  RETURN_NOTE_MAX,
  RETURN_ROLES,
  SKILL_CODE_PATTERN,
  SKILL_LABEL_MAX,
  type AreasQuery,
  type Availability,
  type BoardQuery,
  type CardPhotoType,
  type CardPhotoUpload,
  type CardStatus,
  type ConfirmServiceRequest,
  type CreateCardRequest,
  type CreateNeedRequest,
  type CreateSkillRequest,
  type CreateVolunteerRequest,
  type DaySlot,
  type DeclineRequestBody,
  type InviteRequest,
  type ListNeedsQuery,
  type ReserveQuery,
  type ReturnPledgeRequest,
  type ReturnRole,
  type ServiceScanRequest,
  type ServicesQuery,
  type UpdateCardRequest,
  type UpdateSkillRequest,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { trim } from '../../common/validation/validators.js';

const PAGE_MAX = 100;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
/** Base64 of the largest photo before its metadata is stripped (a little slack over the stored limit). */
const PHOTO_BASE64_MAX = Math.ceil(((CARD_PHOTO_MAX_BYTES + 64 * 1024) * 4) / 3);

export class SkillCodeParams {
  @ApiProperty()
  @Matches(SKILL_CODE_PATTERN)
  code: string;
}

export class CreateSkillDto implements CreateSkillRequest {
  @ApiProperty({ example: 'pet_care' })
  @Matches(SKILL_CODE_PATTERN, { message: 'code must be 2–32 lower-case letters, digits or _ starting with a letter' })
  code: string;

  @ApiProperty({ example: '宠物照料' })
  @Transform(trim)
  @IsString()
  @Length(1, SKILL_LABEL_MAX)
  label: string;
}

export class UpdateSkillDto implements UpdateSkillRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, SKILL_LABEL_MAX)
  label?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class SkillsQueryDto {
  @ApiPropertyOptional({ description: 'System admins: include disabled skills' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  all?: boolean;
}

export class AreasQueryDto implements AreasQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class AvailabilityDto implements Availability {
  @ApiProperty({ example: [6, 7] })
  @IsArray()
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  @ApiProperty({ example: ['morning'] })
  @IsArray()
  @ArrayMaxSize(DAY_SLOTS.length)
  @ArrayUnique()
  @IsIn(DAY_SLOTS, { each: true })
  slots: DaySlot[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(AVAILABILITY_NOTE_MAX)
  note?: string | null;
}

export class CreateCardDto implements CreateCardRequest {
  @ApiProperty({ example: ['plumbing_electrical'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CARD_SKILLS_MAX)
  @ArrayUnique()
  @Matches(SKILL_CODE_PATTERN, { each: true })
  skillCodes: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(CARD_EXTRA_SKILLS_MAX)
  extraSkills?: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, CARD_DESCRIPTION_MAX)
  description: string;

  @ApiProperty()
  @IsUUID()
  areaId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(CARD_REGION_MAX)
  regionText?: string;

  @ApiProperty({ type: AvailabilityDto })
  @ValidateNested()
  @Type(() => AvailabilityDto)
  availability: AvailabilityDto;
}

export class UpdateCardDto implements UpdateCardRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CARD_SKILLS_MAX)
  @ArrayUnique()
  @Matches(SKILL_CODE_PATTERN, { each: true })
  skillCodes?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(CARD_EXTRA_SKILLS_MAX)
  extraSkills?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, CARD_DESCRIPTION_MAX)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(CARD_REGION_MAX)
  regionText?: string;

  @ApiPropertyOptional({ type: AvailabilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AvailabilityDto)
  availability?: AvailabilityDto;

  @ApiPropertyOptional({ enum: CARD_STATUSES })
  @IsOptional()
  @IsIn(CARD_STATUSES)
  status?: CardStatus;
}

export class CardPhotoDto implements CardPhotoUpload {
  @ApiProperty({ enum: CARD_PHOTO_TYPES })
  @IsIn(CARD_PHOTO_TYPES)
  contentType: CardPhotoType;

  @ApiProperty()
  @IsString()
  @MaxLength(PHOTO_BASE64_MAX, { message: 'the photo is larger than 512 KB' })
  @IsBase64()
  dataBase64: string;
}

export class PageQueryDto implements ServicesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class BoardQueryDto extends PageQueryDto implements BoardQuery {
  @ApiProperty()
  @IsUUID()
  areaId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SKILL_CODE_PATTERN)
  skill?: string;
}

export class CreateVolunteerRequestDto implements CreateVolunteerRequest {
  @ApiProperty()
  @IsUUID()
  cardId: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, REQUEST_MESSAGE_MAX)
  message: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, REQUEST_PLACE_MAX)
  place: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(REQUEST_TIME_MAX)
  preferredTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  onBehalfOfOrgId?: string;
}

export class DeclineRequestDto implements DeclineRequestBody {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(DECLINE_REASON_MAX)
  reason?: string;
}

export class CreateNeedDto implements CreateNeedRequest {
  @ApiProperty()
  @IsUUID()
  orgId: string;

  @ApiProperty()
  @Matches(SKILL_CODE_PATTERN)
  skillCode: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, NEED_TITLE_MAX)
  title: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, NEED_PLACE_MAX)
  place: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(NEED_HEADCOUNT_MAX)
  headcount: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(NEED_DESCRIPTION_MAX)
  description?: string;
}

export class ListNeedsQueryDto extends PageQueryDto implements ListNeedsQuery {
  @ApiProperty()
  @IsUUID()
  orgId: string;
}

export class InviteDto implements InviteRequest {
  @ApiProperty()
  @IsUUID()
  cardId: string;
}

export class ServiceScanDto implements ServiceScanRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  code: string;

  @ApiProperty({ enum: ['in', 'out'] })
  @IsIn(['in', 'out'])
  direction: 'in' | 'out';
}

export class ConfirmServiceDto implements ConfirmServiceRequest {
  @ApiProperty({ minimum: RATING_MIN, maximum: RATING_MAX })
  @IsInt()
  @Min(RATING_MIN)
  @Max(RATING_MAX)
  rating: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(RATING_COMMENT_MAX)
  comment?: string;
}

export class ReturnPledgeDto implements ReturnPledgeRequest {
  @ApiProperty({ enum: RETURN_ROLES })
  @IsIn(RETURN_ROLES)
  preferredRole: ReturnRole;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(RETURN_NOTE_MAX)
  note?: string;
}

export class ReserveQueryDto extends PageQueryDto implements ReserveQuery {
  @ApiProperty()
  @IsUUID()
  orgId: string;
}
