import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGREEMENT_NOTE_MAX, AGREEMENT_TITLE_MAX, type CreateAgreementRequest } from '@pioneer/shared';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IsCalendarDate, IsNotBefore, trim } from '../../common/validation/validators.js';

export class CreateAgreementDto implements CreateAgreementRequest {
  @ApiProperty({ format: 'uuid', description: '流出地党组织（乡镇及以上）' })
  @IsUUID()
  sendingOrgId: string;

  @ApiProperty({ format: 'uuid', description: '流入地党组织（乡镇及以上）' })
  @IsUUID()
  receivingOrgId: string;

  @ApiProperty({ example: '太仓市—定远县流动党员双向共管协议' })
  @Transform(trim)
  @IsString()
  @Length(1, AGREEMENT_TITLE_MAX)
  title: string;

  @ApiProperty({ format: 'date', description: '生效日期' })
  @IsCalendarDate()
  startsOn: string;

  @ApiPropertyOptional({ format: 'date', description: '到期日期（不早于生效日期）；不填为长期有效' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotBefore('startsOn')
  endsOn?: string;

  @ApiPropertyOptional({ description: '协议范围说明' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, AGREEMENT_NOTE_MAX)
  scopeNote?: string;
}
