import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GREETING_BODY_MAX,
  GREETING_TITLE_MAX,
  type ListGreetingsQuery,
  type SendGreetingRequest,
} from '@pioneer/shared';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { trim } from '../../../common/validation/validators.js';
import { CLIENT_KEY, toInt } from '../../reports/dto/reports.dto.js';

export class SendGreetingDto implements SendGreetingRequest {
  @ApiProperty({ format: 'uuid', description: '发送问候的党支部或组织；收件人是其下的全部流动党员' })
  @IsUUID()
  orgId: string;

  @ApiProperty({ maxLength: GREETING_TITLE_MAX, example: '春节问候' })
  @Transform(trim)
  @IsString()
  @Length(1, GREETING_TITLE_MAX)
  title: string;

  @ApiProperty({ maxLength: GREETING_BODY_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, GREETING_BODY_MAX)
  body: string;

  @ApiProperty({ description: '每次发送一个；连点两次或重试只发一次' })
  @Matches(CLIENT_KEY, { message: 'clientKey must be 16-64 characters [A-Za-z0-9_-]' })
  clientKey: string;
}

export class ListGreetingsQueryDto implements ListGreetingsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  orgId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
