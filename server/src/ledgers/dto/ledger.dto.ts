import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FOUR_FACTS,
  IMPORT_MODES,
  LEDGER_PAGE_DEFAULT,
  LEDGER_PAGE_MAX,
  type ConfirmFactsRequest,
  type ExportLedgerQuery,
  type FourFact,
  type ImportMode,
  type ImportRosterQuery,
  type LedgerPageQuery,
  type UnclearMembersQuery,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

/** Query strings carry booleans as text; anything but "true"/"false" is left for IsBoolean to refuse. */
const booleanText = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ConfirmFactsDto implements ConfirmFactsRequest {
  @ApiProperty({
    enum: FOUR_FACTS,
    isArray: true,
    description: '本次核实的事项：基本情况、流动时间、流动去向、从事行业',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(FOUR_FACTS.length)
  @ArrayUnique()
  @IsIn(FOUR_FACTS, { each: true })
  facts: FourFact[];
}

export class LedgerPageQueryDto implements LedgerPageQuery {
  @ApiPropertyOptional({ description: '上一页返回的 nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 400)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: LEDGER_PAGE_MAX, default: LEDGER_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LEDGER_PAGE_MAX)
  limit?: number;
}

export class UnclearMembersQueryDto extends LedgerPageQueryDto implements UnclearMembersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '只看这个组织及其下级（默认我负责的全部组织）' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class ImportTemplateQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '附上这个组织下各党支部的编号' })
  @IsOptional()
  @IsUUID()
  orgId?: string;
}

export class ImportRosterQueryDto implements ImportRosterQuery {
  @ApiProperty({ format: 'uuid', description: '导入到这个组织（表中的党支部须在其下）' })
  @IsUUID()
  orgId: string;

  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'preview',
    description: 'preview 只检查不写入；commit 全部无误才写入',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: ImportMode;
}

export class ExportLedgerQueryDto implements ExportLedgerQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: '导出完整身份证号、手机号和住址（仅流出地书记或组织部门，留痕）',
  })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean()
  full?: boolean;
}
