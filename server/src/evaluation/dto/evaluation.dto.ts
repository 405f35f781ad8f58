import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EVALUATION_GRADES,
  EVALUATION_REASONS_MAX,
  EVALUATION_SELF_ASSESSMENT_MAX,
  type EvaluationGrade,
  type ListEvaluationRoundsQuery,
  type OpenEvaluationRoundRequest,
  type RecordEvaluationResultRequest,
  type SubmitSelfAssessmentRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { trim } from '../../common/validation/validators.js';

const PAGE_MAX = 100;
const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class OpenEvaluationRoundDto implements OpenEvaluationRoundRequest {
  @ApiProperty()
  @IsUUID()
  branchId: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2999)
  year: number;
}

export class ListEvaluationRoundsQueryDto implements ListEvaluationRoundsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  branchId?: string;
}

export class ListEvaluationEntriesQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;
}

export class RecordEvaluationResultDto implements RecordEvaluationResultRequest {
  @ApiProperty({ enum: EVALUATION_GRADES })
  @IsIn(EVALUATION_GRADES)
  grade: EvaluationGrade;

  @ApiProperty({ maxLength: EVALUATION_REASONS_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, EVALUATION_REASONS_MAX)
  reasons: string;
}

export class SubmitSelfAssessmentDto implements SubmitSelfAssessmentRequest {
  @ApiProperty({ maxLength: EVALUATION_SELF_ASSESSMENT_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, EVALUATION_SELF_ASSESSMENT_MAX)
  text: string;
}
