import { ApiPropertyOptional } from '@nestjs/swagger';
import { INBOX_CATEGORIES, INBOX_PAGE_MAX, type InboxCategory, type ListInboxQuery } from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class ListInboxQueryDto implements ListInboxQuery {
  @ApiPropertyOptional({ enum: INBOX_CATEGORIES })
  @IsOptional()
  @IsIn(INBOX_CATEGORIES)
  category?: InboxCategory;

  @ApiPropertyOptional({ description: '只看未读的通知和未办的待办' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pending?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: INBOX_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INBOX_PAGE_MAX)
  limit?: number;
}
