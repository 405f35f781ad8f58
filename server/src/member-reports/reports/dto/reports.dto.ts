import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REPORT_BODY_MAX,
  REPORT_KINDS,
  REPORT_PAGE_MAX,
  REPORT_REPLY_MAX,
  REPORT_STATUSES,
  type ListMyReportsQuery,
  type ListReportsQuery,
  type ReplyReportRequest,
  type ReportKind,
  type ReportStatus,
  type SaveReportDraftRequest,
  type SubmitReportRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { trim } from '../../../common/validation/validators.js';

const PERIOD = /^\d{4}-(H[12]|0[1-9]|1[0-2])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Same shape as the Idempotency-Key: one per logical submission, made on the phone. */
export const CLIENT_KEY = /^[A-Za-z0-9_-]{16,64}$/;
const STAFF_STATUSES = REPORT_STATUSES.filter((s) => s !== 'draft');

export const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class SaveReportDraftDto implements SaveReportDraftRequest {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiProperty({ example: '2026-H2', description: '思想汇报：YYYY-H1/H2；组织生活月报告：YYYY-MM' })
  @Matches(PERIOD, { message: 'period must be YYYY-H1, YYYY-H2 or YYYY-MM' })
  period: string;

  @ApiProperty({ maxLength: REPORT_BODY_MAX })
  @IsString()
  @Length(0, REPORT_BODY_MAX)
  body: string;
}

export class SubmitReportDto implements SubmitReportRequest {
  @ApiProperty({ enum: REPORT_KINDS })
  @IsIn(REPORT_KINDS)
  kind: ReportKind;

  @ApiProperty({ example: '2026-H2' })
  @Matches(PERIOD, { message: 'period must be YYYY-H1, YYYY-H2 or YYYY-MM' })
  period: string;

  @ApiProperty({ minLength: 1, maxLength: REPORT_BODY_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, REPORT_BODY_MAX)
  body: string;

  @ApiProperty({ description: '每次提交一个，重试时不变' })
  @Matches(CLIENT_KEY, { message: 'clientKey must be 16-64 characters [A-Za-z0-9_-]' })
  clientKey: string;
}

export class ReportFactsQueryDto {
  @ApiProperty({ example: '2026-03' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month: string;
}

export class ListMyReportsQueryDto implements ListMyReportsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: REPORT_PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(REPORT_PAGE_MAX)
  limit?: number;
}

export class ListReportsQueryDto extends ListMyReportsQueryDto implements ListReportsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ enum: STAFF_STATUSES })
  @IsOptional()
  @IsIn(STAFF_STATUSES)
  status?: Exclude<ReportStatus, 'draft'>;

  @ApiPropertyOptional({ enum: REPORT_KINDS })
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: ReportKind;
}

export class ReplyReportDto implements ReplyReportRequest {
  @ApiProperty({ maxLength: REPORT_REPLY_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, REPORT_REPLY_MAX)
  reply: string;
}
