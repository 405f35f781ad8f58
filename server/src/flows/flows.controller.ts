import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FlowListItem, FlowTransitionView, FlowView, Paginated } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { FlowActionDto, ListFlowsQueryDto, RegisterFoundDto, ReportOutflowDto } from './dto/flow.dto.js';
import { FlowsService } from './flows.service.js';

@ApiTags('flows')
@ApiBearerAuth()
@Controller('flows')
export class FlowsController {
  constructor(private readonly flows: FlowsService) {}

  @Get()
  @ApiOperation({ summary: '我能看到的流动记录（流出地、流入地，或党员本人的）' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListFlowsQueryDto): Promise<Paginated<FlowListItem>> {
    return this.flows.list(principal, query);
  }

  @Post('report')
  @ApiOperation({ summary: '外出报告（党员本人，或流出地书记代为报告）' })
  report(@CurrentPrincipal() principal: Principal, @Body() body: ReportOutflowDto): Promise<FlowView> {
    return this.flows.report(principal, body);
  }

  @Post('found')
  @ApiOperation({ summary: '流入地党支部登记找到的党员（组织找党员），待流出地确认' })
  registerFound(@CurrentPrincipal() principal: Principal, @Body() body: RegisterFoundDto): Promise<FlowView> {
    return this.flows.registerFound(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: '一条流动记录：按调用者所在一方给出相应字段和可办理的操作' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<FlowView> {
    return this.flows.view(principal, id);
  }

  @Get(':id/transitions')
  @ApiOperation({ summary: '流动记录的办理经过（谁、何时、为什么）' })
  transitions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FlowTransitionView[]> {
    return this.flows.transitions(principal, id);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiOperation({ summary: '办理流动事项：审批、撤回、确认报到、确认或否认、返乡、转出、失联、恢复' })
  act(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FlowActionDto,
  ): Promise<FlowView> {
    return this.flows.act(principal, id, body);
  }
}
