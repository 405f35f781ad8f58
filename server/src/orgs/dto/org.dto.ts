import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORG_KINDS,
  ORG_LEVELS,
  REGION_CODE_PATTERN,
  type CreateOrgRequest,
  type OrgKind,
  type OrgLevel,
} from '@pioneer/shared';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

export class CreateOrgDto implements CreateOrgRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  parentId: string;

  @ApiProperty({ enum: ORG_LEVELS })
  @IsIn(ORG_LEVELS)
  level: OrgLevel;

  @ApiPropertyOptional({ enum: ORG_KINDS })
  @IsOptional()
  @IsIn(ORG_KINDS)
  kind?: OrgKind;

  @ApiProperty({ example: '东风村党支部' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ example: '410821', description: '行政区划代码（GB/T 2260，6 位）' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'regionCode must be six digits' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  secretaryName?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 31, description: '固定主题党日（每月几号）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(31)
  activityDay?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '在外设立该支部的流出地组织（如流动党员党支部所属的县）' })
  @IsOptional()
  @IsUUID()
  foundingOrgId?: string;
}

export class OrgChildrenQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: '上一页最后一个组织的名称' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  after?: string;
}
