import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgView } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { CreateOrgDto, OrgChildrenQueryDto } from './dto/org.dto.js';
import { OrgsService } from './orgs.service.js';

@ApiTags('orgs')
@ApiBearerAuth()
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgsService) {}

  @Get()
  @ApiOperation({ summary: '我负责的组织（各角色授权的组织）' })
  mine(@CurrentPrincipal() principal: Principal): Promise<OrgView[]> {
    return this.orgs.mine(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: '组织详情（含从上到下的层级名称）' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<OrgView> {
    return this.orgs.view(principal, id);
  }

  @Get(':id/children')
  @ApiOperation({ summary: '下级组织（按名称分页）' })
  children(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: OrgChildrenQueryDto,
  ): Promise<OrgView[]> {
    return this.orgs.children(principal, id, query.limit, query.after);
  }

  @Post()
  @ApiOperation({ summary: '新建下级组织' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateOrgDto): Promise<OrgView> {
    return this.orgs.create(principal, body);
  }
}
