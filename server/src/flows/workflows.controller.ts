import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EscalationSettingsView, HomeForHolidaysItem, Paginated } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ArrivalEscalationsService } from './arrival-escalations.service.js';
import { HomeForHolidaysQueryDto, SetEscalationSettingsDto } from './dto/outflow.dto.js';
import { HomeStaysService } from './home-stays.service.js';

/** Lists and settings of the outflow workflow that span many flows. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly homeStays: HomeStaysService,
    private readonly escalations: ArrivalEscalationsService,
  ) {}

  @Get('home-for-holidays')
  @ApiOperation({ summary: '临时返乡的外出党员名单（乡情恳谈会、返乡补学）' })
  homeForHolidays(
    @CurrentPrincipal() principal: Principal,
    @Query() query: HomeForHolidaysQueryDto,
  ): Promise<Paginated<HomeForHolidaysItem>> {
    return this.homeStays.homeForHolidays(principal, query);
  }

  @Get('escalation-settings/:orgId')
  @ApiOperation({ summary: '本县外出党员未报到提醒的期限' })
  settings(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<EscalationSettingsView> {
    return this.escalations.settings(principal, orgId);
  }

  @Put('escalation-settings/:orgId')
  @ApiOperation({ summary: '设置本县外出党员未报到提醒的期限（县级组织部门）' })
  setSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: SetEscalationSettingsDto,
  ): Promise<EscalationSettingsView> {
    return this.escalations.setSettings(principal, orgId, body);
  }
}
