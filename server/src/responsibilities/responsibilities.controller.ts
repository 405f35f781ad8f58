import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  EffectiveResponsibilities,
  FlowResponsibilitiesView,
  InstantiateResponsibilitiesResult,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ReplaceTemplatesDto, TemplatesQueryDto } from './dto/responsibility.dto.js';
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
}
