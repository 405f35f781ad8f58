import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  CertificateView,
  FlowView,
  HomeStayView,
  OutflowReportVersionView,
  RecordReturnResult,
  RevealContactView,
} from '@pioneer/shared';
import { CurrentPrincipal, NoIdempotency } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { RecordReturnDto, ResubmitOutflowDto } from './dto/outflow.dto.js';
import { FlowsService } from './flows.service.js';
import { HomeStaysService } from './home-stays.service.js';
import { OutflowService } from './outflow.service.js';

/** The outflow report's workflow on one flow: resubmission, versions, contact, certificate, returns. */
@ApiTags('flows')
@ApiBearerAuth()
@Controller('flows')
export class OutflowController {
  constructor(
    private readonly flows: FlowsService,
    private readonly outflow: OutflowService,
    private readonly homeStays: HomeStaysService,
  ) {}

  @Put(':id/report')
  @ApiOperation({ summary: '外出报告退回修改后，修改并重新提交' })
  resubmit(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResubmitOutflowDto,
  ): Promise<FlowView> {
    return this.flows.resubmit(principal, id, body);
  }

  @Get(':id/report-versions')
  @ApiOperation({ summary: '外出报告的各次提交和支部的审批意见（党员本人和流出地）' })
  versions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<OutflowReportVersionView[]> {
    return this.outflow.versions(principal, id);
  }

  @Post(':id/reveal-contact')
  // Every full read is audited: a stored answer replayed for a repeated key would be a read without a record.
  @NoIdempotency()
  @HttpCode(200)
  @ApiOperation({ summary: '查看外出报告中的完整联系电话（仅流出地书记或组织部门；每次留痕）' })
  revealContact(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RevealContactView> {
    return this.outflow.revealContact(principal, id);
  }

  @Get(':id/certificate')
  @ApiOperation({ summary: '流动党员活动证（批准外出后发放；党员本人和流出地）' })
  certificate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<CertificateView> {
    return this.outflow.certificate(principal, id);
  }

  @Post(':id/returns')
  @ApiOperation({ summary: '返乡登记：临时返乡（节假日，流动继续）或返乡不再外出（流动结束）' })
  recordReturn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecordReturnDto,
  ): Promise<RecordReturnResult> {
    return this.homeStays.recordReturn(principal, id, body);
  }

  @Get(':id/returns')
  @ApiOperation({ summary: '这次流动中登记的临时返乡' })
  returns(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<HomeStayView[]> {
    return this.homeStays.staysOfFlow(principal, id);
  }
}
