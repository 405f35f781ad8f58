import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SUGGESTION_CATEGORIES,
  SUGGESTION_IMAGES_MAX,
  SUGGESTION_PAGE_MAX,
  SUGGESTION_REPLY_MAX,
  SUGGESTION_STATUSES,
  SUGGESTION_TEXT_MAX,
  SUGGESTION_TITLE_MAX,
  type CreateSuggestionRequest,
  type ListSuggestionsQuery,
  type MoveSuggestionRequest,
  type SuggestionCategory,
  type SuggestionStatus,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { trim } from '../../../common/validation/validators.js';
import { CLIENT_KEY, toInt } from '../../reports/dto/reports.dto.js';

export class CreateSuggestionDto implements CreateSuggestionRequest {
  @ApiProperty({ enum: SUGGESTION_CATEGORIES })
  @IsIn(SUGGESTION_CATEGORIES)
  category: SuggestionCategory;

  @ApiProperty({ maxLength: SUGGESTION_TITLE_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, SUGGESTION_TITLE_MAX)
  title: string;

  @ApiProperty({ maxLength: SUGGESTION_TEXT_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, SUGGESTION_TEXT_MAX)
  text: string;

  @ApiPropertyOptional({ type: [String], maxItems: SUGGESTION_IMAGES_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUGGESTION_IMAGES_MAX)
  @IsUUID('all', { each: true })
  imageIds?: string[];

  @ApiProperty()
  @Matches(CLIENT_KEY, { message: 'clientKey must be 16-64 characters [A-Za-z0-9_-]' })
  clientKey: string;
}

export class ListMySuggestionsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SUGGESTION_PAGE_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(SUGGESTION_PAGE_MAX)
  limit?: number;
}

export class ListSuggestionsQueryDto extends ListMySuggestionsQueryDto implements ListSuggestionsQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '县（或任一下级组织）' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ enum: SUGGESTION_STATUSES })
  @IsOptional()
  @IsIn(SUGGESTION_STATUSES)
  status?: SuggestionStatus;

  @ApiPropertyOptional({ enum: SUGGESTION_CATEGORIES })
  @IsOptional()
  @IsIn(SUGGESTION_CATEGORIES)
  category?: SuggestionCategory;
}

export class MoveSuggestionDto implements MoveSuggestionRequest {
  @ApiProperty({ enum: SUGGESTION_STATUSES })
  @IsIn(SUGGESTION_STATUSES)
  status: SuggestionStatus;

  @ApiPropertyOptional({ maxLength: SUGGESTION_REPLY_MAX })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, SUGGESTION_REPLY_MAX)
  reply?: string;
}
