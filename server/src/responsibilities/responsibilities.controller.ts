import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AgreementResponsibilitiesView,
  EffectiveResponsibilities,
  FlowResponsibilitiesView,
  InstantiateResponsibilitiesResult,
  ResponsibilityProgressView,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  MarkDoneDto,
  ProgressQueryDto,
  ReplaceAgreementTemplatesDto,
  ReplaceTemplatesDto,
  TemplatesQueryDto,
} from './dto/responsibility.dto.js';
import { ResponsibilitiesService } from './responsibilities.service.js';

@ApiTags('responsibilities')
@ApiBearerAuth()
@Controller('responsibilities')
export class ResponsibilitiesController {
  constructor(private readonly responsibilities: ResponsibilitiesService) {}

  @Get('templates')
  @ApiOperation({ summary: '对某组织有效的三张责任清单（本县自定的，或系统默认的）' })
  templates(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TemplatesQueryDto,
  ): Promise<EffectiveResponsibilities> {
    return this.responsibilities.templates(principal, query.orgId);
  }

  @Put('templates')
  @ApiOperation({ summary: '替换县（区）的三张责任清单（县级组织部门管理员）' })
  replaceTemplates(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TemplatesQueryDto,
    @Body() body: ReplaceTemplatesDto,
  ): Promise<EffectiveResponsibilities> {
    return this.responsibilities.replaceTemplates(principal, query.orgId, body);
  }

  @Get('agreements/:agreementId')
  @ApiOperation({
    summary: '共管协议自带的责任清单（协议双方的组织部门可见；为空时沿用县里的或系统默认的）',
  })
  agreementList(
    @CurrentPrincipal() principal: Principal,
    @Param('agreementId', ParseUUIDPipe) agreementId: string,
  ): Promise<AgreementResponsibilitiesView> {
    return this.responsibilities.agreementList(principal, agreementId);
  }

  @Put('agreements/:agreementId')
  @ApiOperation({
    summary: '设置共管协议自带的责任清单（协议一方的组织部门管理员；优先于县里的清单，空列表为取消）',
  })
  replaceAgreementList(
    @CurrentPrincipal() principal: Principal,
    @Param('agreementId', ParseUUIDPipe) agreementId: string,
    @Body() body: ReplaceAgreementTemplatesDto,
  ): Promise<AgreementResponsibilitiesView> {
    return this.responsibilities.replaceAgreementList(principal, agreementId, body);
  }

  @Get('flows/:flowId')
  @ApiOperation({ summary: '一条流动记录的责任清单（流出地、流入地可见全部；党员本人只见本人责任）' })
  forFlow(
    @CurrentPrincipal() principal: Principal,
    @Param('flowId', ParseUUIDPipe) flowId: string,
  ): Promise<FlowResponsibilitiesView> {
    return this.responsibilities.forFlow(principal, flowId);
  }

  @Post('flows/:flowId/instantiate')
  @HttpCode(200)
  @ApiOperation({ summary: '为双向共管中的流动党员生成责任清单（重复调用不会重复生成）' })
  instantiate(
    @CurrentPrincipal() principal: Principal,
    @Param('flowId', ParseUUIDPipe) flowId: string,
  ): Promise<InstantiateResponsibilitiesResult> {
    return this.responsibilities.instantiate(principal, flowId);
  }

  @Get('items/:itemId')
  @ApiOperation({ summary: '某一项责任所在的整张清单（从待办进入时用；可见范围同上）' })
  forItem(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ParseUUIDPipe) itemId: string,
  ): Promise<FlowResponsibilitiesView> {
    return this.responsibilities.forItem(principal, itemId);
  }

  @Post('items/:itemId/done')
  @HttpCode(200)
  @ApiOperation({
    summary: '标记一项责任本期完成并留痕（只能由负责的一方：党员本人、流出地或流入地党组织）',
  })
  markDone(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: MarkDoneDto,
  ): Promise<FlowResponsibilitiesView> {
    return this.responsibilities.markDone(principal, itemId, body);
  }

  @Get('progress')
  @ApiOperation({ summary: '本组织及下级各支部的责任清单进度（完成、逾期），供支部和上级组织查看' })
  progress(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ProgressQueryDto,
  ): Promise<ResponsibilityProgressView> {
    return this.responsibilities.progress(principal, query.orgId);
  }
}
