import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GENDERS,
  MEMBERSHIP_STATUSES,
  PHONE_PATTERN,
  type BindMemberRequest,
  type CreateMemberRequest,
  type Gender,
  type ListMembersQuery,
  type MembershipStatus,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
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
import { IsResidentIdNumber, trim, upper } from '../../common/validation/validators.js';

export class CreateMemberDto implements CreateMemberRequest {
  @ApiProperty({ format: 'uuid', description: '组织关系所在党支部（流出地）' })
  @IsUUID()
  branchId: string;

  @ApiProperty({ example: '张伟' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiProperty({ description: '18 位身份证号码（加密保存）' })
  @Transform(upper)
  @IsResidentIdNumber()
  idNumber: string;

  @ApiPropertyOptional({ description: '手机号码（加密保存）' })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number' })
  phone?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: Gender;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20)
  ethnicity?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  birthDate?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 20)
  education?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateString({ strict: true })
  joinedAt?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  membershipStatus?: MembershipStatus;

  @ApiPropertyOptional({ description: '现居住地（加密保存）' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  residence?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  occupation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  industry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  employer?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 30, { each: true })
  skills?: string[];
}

export class ListMembersQueryDto implements ListMembersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: '只看这个组织及其下级' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ description: '完整姓名、完整手机号或完整身份证号（精确查找）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 30)
  q?: string;

  @ApiPropertyOptional({ enum: ['sending', 'receiving'] })
  @IsOptional()
  @IsIn(['sending', 'receiving'])
  side?: 'sending' | 'receiving';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class BindMemberDto implements BindMemberRequest {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE_PATTERN, { message: 'phone must be a mainland mobile number' })
  phone?: string;

  @ApiPropertyOptional({ description: '身份证号后 6 位' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[0-9]{5}[0-9X]$/, { message: 'idLast6 must be the last 6 characters of the ID number' })
  idLast6?: string;
}
