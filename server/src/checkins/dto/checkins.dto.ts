import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVITY_KINDS,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  ARRIVAL_STAY_OPTIONS,
  CHECKIN_DIRECTIONS,
  CODE_KEY_PURPOSES,
  IDEMPOTENCY_KEY_PATTERN,
  type ActivityKind,
  type ArrivalByPersonalCodeRequest,
  type ArrivalFacts,
  type ArrivalRequest,
  type ArrivalStay,
  type CheckinByPersonalCodeRequest,
  type CheckinDirection,
  type CheckinRequest,
  type CodeKeyPurpose,
  type CreateActivityRequest,
  type GeoPoint,
  type ListActivitiesQuery,
  type ResolveCodeRequest,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { trim } from '../../common/validation/validators.js';

const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
const CODE_MAX = 64;

/** An ISO 8601 instant strictly after another property's. */
function IsAfter(property: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [property],
      options: { message: `$property must be after ${property}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          if (typeof value !== 'string' || typeof other !== 'string') return true;
          const a = Date.parse(value);
          const b = Date.parse(other);
          return Number.isNaN(a) || Number.isNaN(b) || a > b;
        },
      },
    });
}

export class GeoPointDto implements GeoPoint {
  @ApiProperty({ example: 31.2304 })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 121.4737 })
  @IsLongitude()
  lng: number;
}

export class ResolveCodeDto implements ResolveCodeRequest {
  @ApiProperty({ description: '扫到的 scene 或手动输入码', example: 'BK7Q2M9XD.1.x5F0aQm3Lk_2' })
  @IsString()
  @Length(1, CODE_MAX)
  code: string;
}

export class ArrivalFactsDto implements ArrivalFacts {
  @ApiProperty({ description: '现居住地址（加密保存）', example: '上海市闵行区七宝镇某小区' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  residence: string;

  @ApiPropertyOptional({ example: '上海某物流有限公司' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  employer?: string;

  @ApiPropertyOptional({ example: '快递员' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  occupation?: string;

  @ApiPropertyOptional({ example: '交通运输、仓储和邮政业' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  industry?: string;

  @ApiProperty({ enum: ARRIVAL_STAY_OPTIONS })
  @IsIn(ARRIVAL_STAY_OPTIONS)
  stay: ArrivalStay;
}

export class ArrivalDto implements ArrivalRequest {
  @ApiProperty({ description: '党支部报到码（scene）或手动输入码' })
  @IsString()
  @Length(1, CODE_MAX)
  code: string;

  @ApiProperty({ description: '客户端为本次报到生成的编号（16–64 位字母数字）；重复提交得到第一次的结果' })
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'clientId must be 16 to 64 letters, digits, - or _' })
  clientId: string;

  @ApiProperty({ type: ArrivalFactsDto })
  @ValidateNested()
  @Type(() => ArrivalFactsDto)
  facts: ArrivalFactsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class ArrivalByPersonalCodeDto implements ArrivalByPersonalCodeRequest {
  @ApiProperty({ description: '党员的个人先锋码' })
  @IsString()
  @Length(1, CODE_MAX)
  code: string;

  @ApiProperty({ format: 'uuid', description: '流入地党支部' })
  @IsUUID()
  branchId: string;

  @ApiProperty()
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'clientId must be 16 to 64 letters, digits, - or _' })
  clientId: string;

  @ApiPropertyOptional({ type: ArrivalFactsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArrivalFactsDto)
  facts?: ArrivalFactsDto;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class CreateActivityDto implements CreateActivityRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;

  @ApiProperty({ enum: ACTIVITY_KINDS })
  @IsIn(ACTIVITY_KINDS)
  kind: ActivityKind;

  @ApiProperty({ example: '11月主题党日：学习新修订的党章' })
  @Transform(trim)
  @IsString()
  @Length(1, ACTIVITY_TITLE_MAX)
  title: string;

  @ApiProperty({ example: '七宝镇党群服务中心二楼会议室' })
  @Transform(trim)
  @IsString()
  @Length(1, ACTIVITY_PLACE_MAX)
  place: string;

  @ApiPropertyOptional({ type: GeoPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;

  @ApiProperty({ example: '2026-11-28T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-11-28T11:00:00+08:00', description: '晚于开始时间' })
  @IsISO8601({ strict: true })
  @IsAfter('startsAt')
  endsAt: string;

  @ApiPropertyOptional({ description: '是否需要签退（记录时长）；志愿服务默认需要' })
  @IsOptional()
  @IsBoolean()
  checkoutEnabled?: boolean;
}

/** Cursor paging shared by the check-in lists. */
export class CheckinPageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ListActivitiesQueryDto extends CheckinPageQueryDto implements ListActivitiesQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  branchId: string;
}

/** What every scan carries, whoever scans: the client's id for it, in or out, and when it was taken offline. */
export class ScanDto {
  @ApiProperty({ description: '客户端为本次扫码生成的编号；重复提交得到第一次的结果' })
  @Matches(IDEMPOTENCY_KEY_PATTERN, { message: 'clientId must be 16 to 64 letters, digits, - or _' })
  clientId: string;

  @ApiPropertyOptional({ enum: CHECKIN_DIRECTIONS, default: 'in' })
  @IsOptional()
  @IsIn(CHECKIN_DIRECTIONS)
  direction?: CheckinDirection;

  @ApiPropertyOptional({ description: '离线扫码的时间（ISO 8601）' })
  @IsOptional()
  @IsISO8601({ strict: true })
  scannedAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  offline?: boolean;
}

export class CheckinDto extends ScanDto implements CheckinRequest {
  @ApiProperty({ description: '活动现场大屏上的签到码（scene）' })
  @IsString()
  @Length(1, CODE_MAX)
  code: string;

  @ApiPropertyOptional({ description: '本机安装编号（8–64 位），用于发现一机多签' })
  @IsOptional()
  @Matches(DEVICE_ID_PATTERN, { message: 'deviceId must be 8 to 64 letters, digits, - or _' })
  deviceId?: string;

  @ApiPropertyOptional({ type: GeoPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  location?: GeoPointDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  activityId?: string;
}

export class CheckinByPersonalCodeDto extends ScanDto implements CheckinByPersonalCodeRequest {
  @ApiProperty({ description: '党员的个人先锋码' })
  @IsString()
  @Length(1, CODE_MAX)
  code: string;
}

export class MyCheckinsQueryDto extends CheckinPageQueryDto {}

export class CodeKeyParamsDto {
  @ApiProperty({ enum: CODE_KEY_PURPOSES })
  @IsIn(CODE_KEY_PURPOSES)
  purpose: CodeKeyPurpose;
}

export class RevokeKeyParamsDto extends CodeKeyParamsDto {
  @ApiProperty()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;
}
