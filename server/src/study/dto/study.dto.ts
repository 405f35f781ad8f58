import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PAIRING_MAX_MEMBERS,
  STUDY_AUDIENCE_SCOPES,
  STUDY_ITEM_KINDS,
  STUDY_PACK_KINDS,
  STUDY_PACK_STATUSES,
  STUDY_QUIZ_MAX_QUESTIONS,
  STUDY_SUMMARY_MAX,
  STUDY_TITLE_MAX,
  type ChooseElectivesRequest,
  type CreateStudyPackRequest,
  type HeartbeatRequest,
  type ListStudyPacksQuery,
  type PublishStudyPackRequest,
  type QuizAnswerRequest,
  type QuizQuestion,
  type SetNoSmartphoneRequest,
  type SetPairingsRequest,
  type SetStudyPlanRequest,
  type StudyAudience,
  type StudyAudienceScope,
  type StudyItemInput,
  type StudyItemKind,
  type StudyPackKind,
  type StudyPackStatus,
  type StudyPlansQuery,
  type UpdateStudyPackRequest,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
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

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Rich text may be long; the sanitised body has its own byte limit (STUDY_BODY_MAX_BYTES). */
const BODY_MAX_CHARS = 400_000;
const URL_MAX = 2_000;
const SECONDS_MAX = 4 * 3600;
const PAGE_MAX = 100;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class StudyAudienceDto implements StudyAudience {
  @ApiProperty({ format: 'uuid', description: '发布学习礼包的组织，也是受众所在的组织' })
  @IsUUID()
  orgId: string;

  @ApiProperty({ enum: STUDY_AUDIENCE_SCOPES })
  @IsIn(STUDY_AUDIENCE_SCOPES)
  scope: StudyAudienceScope;
}

export class CreateStudyPackDto implements CreateStudyPackRequest {
  @ApiProperty({ enum: STUDY_PACK_KINDS })
  @IsIn(STUDY_PACK_KINDS)
  kind: StudyPackKind;

  @ApiProperty({ example: '2025 年 3 月学习礼包' })
  @Transform(trim)
  @IsString()
  @Length(1, STUDY_TITLE_MAX)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, STUDY_SUMMARY_MAX)
  summary?: string;

  @ApiPropertyOptional({ example: '2025-03', description: '月度学习礼包的月份' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiProperty({ type: StudyAudienceDto })
  @ValidateNested()
  @Type(() => StudyAudienceDto)
  audience: StudyAudienceDto;
}

export class UpdateStudyPackDto implements UpdateStudyPackRequest {
  @ApiPropertyOptional({ enum: STUDY_PACK_KINDS })
  @IsOptional()
  @IsIn(STUDY_PACK_KINDS)
  kind?: StudyPackKind;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, STUDY_TITLE_MAX)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, STUDY_SUMMARY_MAX)
  summary?: string;

  @ApiPropertyOptional({ example: '2025-03' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ type: StudyAudienceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StudyAudienceDto)
  audience?: StudyAudienceDto;
}

export class ListStudyPacksQueryDto implements ListStudyPacksQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ enum: STUDY_PACK_STATUSES })
  @IsOptional()
  @IsIn(STUDY_PACK_STATUSES)
  status?: StudyPackStatus;

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

export class PageQueryDto {
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

export class QuizQuestionDto implements QuizQuestion {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  text: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  options: string[];

  @ApiProperty({ description: '正确选项的序号（从 0 开始）；党员看不到' })
  @IsInt()
  @Min(0)
  answer: number;
}

export class StudyItemDto implements StudyItemInput {
  @ApiProperty({ enum: STUDY_ITEM_KINDS })
  @IsIn(STUDY_ITEM_KINDS)
  kind: StudyItemKind;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, STUDY_TITLE_MAX)
  title: string;

  @ApiPropertyOptional({ description: '图文正文（HTML）；服务器会去掉脚本、事件属性、内嵌页面和样式' })
  @IsOptional()
  @IsString()
  @MaxLength(BODY_MAX_CHARS)
  body?: string;

  @ApiPropertyOptional({ description: '音频、视频、文件的 https 链接' })
  @IsOptional()
  @IsString()
  @MaxLength(URL_MAX)
  url?: string;

  @ApiPropertyOptional({ description: '计为学完所需的有效学习秒数' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(SECONDS_MAX)
  minSeconds?: number;

  @ApiPropertyOptional({ description: '每天最多计入的秒数' })
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(SECONDS_MAX)
  capSeconds?: number;

  @ApiPropertyOptional({ type: [QuizQuestionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STUDY_QUIZ_MAX_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  quiz?: QuizQuestionDto[];
}

export class PublishStudyPackDto implements PublishStudyPackRequest {
  @ApiPropertyOptional({ description: '定时发布的时间（ISO 8601）；不填则立即发布' })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishAt?: string;
}

export class HeartbeatDto implements HeartbeatRequest {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  seq: number;

  @ApiProperty()
  @IsBoolean()
  visible: boolean;
}

export class QuizAnswerDto implements QuizAnswerRequest {
  @ApiProperty({ type: [Number] })
  @IsArray()
  @ArrayMaxSize(STUDY_QUIZ_MAX_QUESTIONS)
  @IsInt({ each: true })
  @Min(0, { each: true })
  answers: number[];
}

export class SetStudyPlanDto implements SetStudyPlanRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ example: 32, description: '全年有效学习小时数' })
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(0)
  @Max(2000)
  requiredHours: number;

  @ApiProperty({ example: 4, description: '全年参加活动次数' })
  @IsInt()
  @Min(0)
  @Max(365)
  requiredActivities: number;

  @ApiProperty({ example: 2, description: '自主选学的学习礼包数' })
  @IsInt()
  @Min(0)
  @Max(50)
  electives: number;
}

export class StudyPlansQueryDto implements StudyPlansQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId: string;

  @ApiProperty({ example: 2025 })
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class CompletionQueryDto {
  @ApiPropertyOptional({ example: 2025, description: '默认今年' })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ChooseElectivesDto implements ChooseElectivesRequest {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  packIds: string[];
}

export class SetPairingsDto implements SetPairingsRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;

  @ApiProperty({ format: 'uuid', description: '支委委员的账号' })
  @IsUUID()
  committeeAccountId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMinSize(0)
  @ArrayMaxSize(PAIRING_MAX_MEMBERS)
  @IsUUID('all', { each: true })
  memberIds: string[];
}

export class SetNoSmartphoneDto implements SetNoSmartphoneRequest {
  @ApiProperty()
  @IsBoolean()
  noSmartphone: boolean;
}
