import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FLOW_NOTE_MAX,
  FLOW_PAGE_DEFAULT,
  FLOW_PAGE_MAX,
  FLOW_STATUSES,
  FLOW_STEP_ACTIONS,
  PHONE_PATTERN,
  REGION_CODE_PATTERN,
  type FlowActionRequest,
  type FlowStatus,
  type FlowStepAction,
  type ListFlowsQuery,
  type RegisterFoundRequest,
  type ReportOutflowRequest,
} from '@pioneer/shared';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsCalendarDate, IsNotBefore, IsResidentIdNumber, trim, upper } from '../../common/validation/validators.js';

export class ReportOutflowDto implements ReportOutflowRequest {
  @ApiPropertyOptional({ format: 'uuid', description: '代党员报告时填写（流出地书记或组织部门）；党员本人报告时不填' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ example: '310112', description: '流入地行政区划代码（6 位）' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'destinationRegionCode must be six digits' })
  destinationRegionCode?: string;

  @ApiProperty({ example: '上海市闵行区七宝镇某小区', description: '流入地详细地址（加密保存）' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  destinationAddress: string;

  @ApiProperty({ example: '建筑业' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  industry: string;

  @ApiProperty({ example: '施工员' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  occupation: string;

  @ApiProperty({ example: '上海某建设工程有限公司' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  employer: string;

  @ApiProperty({ format: 'date', description: '预计外出日期' })
  @IsCalendarDate()
  expectedFrom: string;

  @ApiProperty({ format: 'date', description: '预计返回日期（不早于外出日期）' })
  @IsCalendarDate()
  @IsNotBefore('expectedFrom')
  expectedUntil: string;

  @ApiPropertyOptional({ description: '外出期间的联系方式说明（仅流出地可见）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, FLOW_NOTE_MAX)
  contactNote?: string;

  @ApiPropertyOptional({ example: '13912345678', description: '外出期间的联系电话（加密保存，列表中打码）' })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE_PATTERN, { message: 'contactPhone must be a mainland mobile number' })
  contactPhone?: string;
}

export class RegisterFoundDto implements RegisterFoundRequest {
  @ApiProperty({ format: 'uuid', description: '登记的党支部（流入地，须在本人管理范围内）' })
  @IsUUID()
  receivingBranchId: string;

  @ApiProperty({ example: '张伟', description: '完整姓名' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  name: string;

  @ApiProperty({ description: '18 位身份证号码（只用于查找，不另存）' })
  @Transform(upper)
  @IsResidentIdNumber()
  idNumber: string;

  @ApiPropertyOptional({ example: '310112' })
  @IsOptional()
  @Matches(REGION_CODE_PATTERN, { message: 'destinationRegionCode must be six digits' })
  destinationRegionCode?: string;

  @ApiPropertyOptional({ description: '在流入地的居住或工作地址（加密保存）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  destinationAddress?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  industry?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  occupation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  employer?: string;

  @ApiPropertyOptional({ description: '如何发现的（摸排、网格员、走访等）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, FLOW_NOTE_MAX)
  note?: string;
}

export class FlowActionDto implements FlowActionRequest {
  @ApiProperty({ enum: FLOW_STEP_ACTIONS })
  @IsIn(FLOW_STEP_ACTIONS)
  action: FlowStepAction;

  @ApiPropertyOptional({ description: '理由或说明' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, FLOW_NOTE_MAX)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '确认报到时编入的党小组（须在流入地党支部之下）' })
  @IsOptional()
  @IsUUID()
  partyGroupId?: string;

  @ApiPropertyOptional({ description: '页面上看到的版本号；与当前不一致时拒绝（数据已被他人修改）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class ListFlowsQueryDto implements ListFlowsQuery {
  @ApiPropertyOptional({ enum: ['sending', 'receiving'], description: '不填：两方都看，另含本人的流动记录' })
  @IsOptional()
  @IsIn(['sending', 'receiving'])
  side?: 'sending' | 'receiving';

  @ApiPropertyOptional({ enum: FLOW_STATUSES })
  @IsOptional()
  @IsIn(FLOW_STATUSES)
  status?: FlowStatus;

  @ApiPropertyOptional({ format: 'uuid', description: '只看这个组织及其下级' })
  @IsOptional()
  @IsUUID()
  orgId?: string;

  @ApiPropertyOptional({ description: '上一页的 nextCursor' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: FLOW_PAGE_MAX, default: FLOW_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FLOW_PAGE_MAX)
  limit?: number;
}
