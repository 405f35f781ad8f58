import { ApiProperty } from '@nestjs/swagger';
import {
  RESPONSIBILITY_CADENCES,
  RESPONSIBILITY_EVIDENCE_MAX,
  RESPONSIBILITY_ITEMS_MAX,
  RESPONSIBILITY_SIDES,
  RESPONSIBILITY_TITLE_MAX,
  type MarkResponsibilityDoneRequest,
  type ReplaceAgreementResponsibilitiesRequest,
  type ReplaceResponsibilitiesRequest,
  type ResponsibilityCadence,
  type ResponsibilitySide,
  type ResponsibilityTemplateItem,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { trim } from '../../common/validation/validators.js';

export class TemplatesQueryDto {
  @ApiProperty({ format: 'uuid', description: '查看（或替换）哪个组织的责任清单' })
  @IsUUID()
  orgId: string;
}

export class TemplateItemDto implements ResponsibilityTemplateItem {
  @ApiProperty({ enum: RESPONSIBILITY_SIDES })
  @IsIn(RESPONSIBILITY_SIDES)
  side: ResponsibilitySide;

  @ApiProperty({ example: '定期联系流动党员' })
  @Transform(trim)
  @IsString()
  @Length(1, RESPONSIBILITY_TITLE_MAX)
  title: string;

  @ApiProperty({ enum: RESPONSIBILITY_CADENCES })
  @IsIn(RESPONSIBILITY_CADENCES)
  cadence: ResponsibilityCadence;
}

export class ReplaceTemplatesDto implements ReplaceResponsibilitiesRequest {
  @ApiProperty({ type: [TemplateItemDto], description: '按顺序排列的全部事项（替换原有清单）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RESPONSIBILITY_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => TemplateItemDto)
  items: TemplateItemDto[];
}

export class ReplaceAgreementTemplatesDto implements ReplaceAgreementResponsibilitiesRequest {
  @ApiProperty({
    type: [TemplateItemDto],
    description: '按顺序排列的全部事项（替换协议原有清单）；空列表表示协议不再自带清单，改用县里的或系统默认的',
  })
  @IsArray()
  @ArrayMaxSize(RESPONSIBILITY_ITEMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => TemplateItemDto)
  items: TemplateItemDto[];
}

export class MarkDoneDto implements MarkResponsibilityDoneRequest {
  @ApiProperty({ example: '3月12日电话联系，已了解近况', description: '做了什么（留痕），1–500 字' })
  @Transform(trim)
  @IsString()
  @Length(1, RESPONSIBILITY_EVIDENCE_MAX)
  evidence: string;
}

export class ProgressQueryDto {
  @ApiProperty({ format: 'uuid', description: '查看哪个组织（及其下级）的责任清单进度' })
  @IsUUID()
  orgId: string;
}
