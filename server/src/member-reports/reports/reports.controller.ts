import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  MonthlyReportFacts,
  MyDueReports,
  MyReportListItem,
  MyReportView,
  Paginated,
  ReportListItem,
  ReportView,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../../common/auth/decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  ListMyReportsQueryDto,
  ListReportsQueryDto,
  ReplyReportDto,
  ReportFactsQueryDto,
  SaveReportDraftDto,
  SubmitReportDto,
} from './dto/reports.dto.js';
import { ReportsService } from './reports.service.js';

/** The member's own reports: drafts, submission, replies. */
@ApiTags('member-reports')
@ApiBearerAuth()
@Controller('me/reports')
export class MyReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('due')
  @ApiOperation({ summary: '本期应交的思想汇报和组织生活月报告及其状态' })
  due(@CurrentPrincipal() principal: Principal): Promise<MyDueReports> {
    return this.reports.myDue(principal);
  }

  @Get('facts')
  @ApiOperation({ summary: '某月参加的活动和学习时长，用于预填组织生活月报告' })
  facts(@CurrentPrincipal() principal: Principal, @Query() query: ReportFactsQueryDto): Promise<MonthlyReportFacts> {
    return this.reports.facts(principal, query.month);
  }

  @Get()
  @ApiOperation({ summary: '我的汇报（最近修改的在前）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMyReportsQueryDto,
  ): Promise<Paginated<MyReportListItem>> {
    return this.reports.listMine(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '我的一份汇报（含书记回复）' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MyReportView> {
    return this.reports.getMine(principal, id);
  }

  @Put('draft')
  @ApiOperation({ summary: '保存草稿（首次保存时创建）' })
  draft(@CurrentPrincipal() principal: Principal, @Body() body: SaveReportDraftDto): Promise<MyReportView> {
    return this.reports.saveDraft(principal, body);
  }

  @Post()
  @ApiOperation({ summary: '提交汇报：每类每期一份；同一 clientKey 重试返回第一次的结果' })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitReportDto): Promise<MyReportView> {
    return this.reports.submit(principal, body);
  }
}

/** The home branch's side: reports to read, reading (audited) and replying. */
@ApiTags('member-reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({ summary: '本支部（或下级组织）党员提交的汇报，最新的在前' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListReportsQueryDto,
  ): Promise<Paginated<ReportListItem>> {
    return this.reports.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '阅读一份汇报（首次阅读标记已阅并关闭待办；留痕）' })
  read(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<ReportView> {
    return this.reports.read(principal, id, ip ?? null);
  }

  @Post(':id/reply')
  @HttpCode(200)
  @ApiOperation({ summary: '回复汇报（每份一次）' })
  reply(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReplyReportDto,
  ): Promise<ReportView> {
    return this.reports.reply(principal, id, body);
  }
}
