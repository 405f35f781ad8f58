import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGREEMENT_NOTE_MAX, AGREEMENT_TITLE_MAX, type CreateAgreementRequest } from '@pioneer/shared';
import { Transform } from 'class-transformer';
import {
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateBy,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD, that exists. */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, key) => {
    Matches(DATE_ONLY, { message: `${String(key)} must be a date as YYYY-MM-DD`, ...options })(target, key);
    IsISO8601({ strict: true }, options)(target, key);
  };
}

/** Not before the date in `property` of the same object (ISO dates compare as strings). */
function IsNotBefore(property: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [property],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown> | undefined)?.[property];
          return typeof value !== 'string' || typeof other !== 'string' || value >= other;
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must not be before ${property}`,
      },
    },
    options,
  );
}

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
