import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FeedbackDraft, FeedbackDueItem, FeedbackSettingsView, FeedbackView, Paginated } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  AcknowledgeFeedbackDto,
  CreateFeedbackDto,
  FeedbackDraftQueryDto,
  FeedbackDueQueryDto,
  FeedbackSettingsQueryDto,
  ListFeedbackQueryDto,
  SetFeedbackSettingsDto,
} from './dto/feedback.dto.js';
import { FeedbackService } from './feedback.service.js';

@ApiTags('feedback')
@ApiBearerAuth()
@Controller()
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('feedback/due')
  @ApiOperation({ summary: '流入地：本支部管理的流动党员及本期表现反馈是否已填写' })
  due(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FeedbackDueQueryDto,
  ): Promise<Paginated<FeedbackDueItem>> {
    return this.feedback.due(principal, query);
  }

  @Get('feedback/settings')
  @ApiOperation({ summary: '表现反馈周期（本组织或最近的上级设置，默认每季度）' })
  settings(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FeedbackSettingsQueryDto,
  ): Promise<FeedbackSettingsView> {
    return this.feedback.settings(principal, query.orgId);
  }

  @Put('feedback/settings')
  @ApiOperation({ summary: '流出地设置表现反馈周期（每月、每季度、每半年、每年）' })
  setSettings(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SetFeedbackSettingsDto,
  ): Promise<FeedbackSettingsView> {
    return this.feedback.setSettings(principal, body);
  }

  @Get('feedback/flows/:flowId/draft')
  @ApiOperation({ summary: '流入地：预填了党员本期参加活动、学习、志愿服务情况的反馈表' })
  draft(
    @CurrentPrincipal() principal: Principal,
    @Param('flowId', ParseUUIDPipe) flowId: string,
    @Query() query: FeedbackDraftQueryDto,
  ): Promise<FeedbackDraft> {
    return this.feedback.draft(principal, flowId, query.period);
  }

  @Post('feedback')
  @ApiOperation({ summary: '流入地发送一期表现反馈（每条流动记录每期一份）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateFeedbackDto): Promise<FeedbackView> {
    return this.feedback.create(principal, body);
  }

  @Get('feedback')
  @ApiOperation({ summary: '收到的（流出地）或发出的（流入地）表现反馈' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListFeedbackQueryDto,
  ): Promise<Paginated<FeedbackView>> {
    return this.feedback.list(principal, query);
  }

  @Get('feedback/:id')
  @ApiOperation({ summary: '一份表现反馈' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackView> {
    return this.feedback.one(principal, id);
  }

  @Post('feedback/:id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '流出地签收表现反馈（可附意见），存入党员档案' })
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcknowledgeFeedbackDto,
  ): Promise<FeedbackView> {
    return this.feedback.acknowledge(principal, id, body);
  }

  @Get('members/:id/feedback')
  @ApiOperation({ summary: '党员档案：收到的全部表现反馈（仅流出地）' })
  forMember(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<FeedbackView[]> {
    return this.feedback.forMember(principal, id);
  }
}
