import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  MemberListItem,
  MemberRevealView,
  MemberSelfView,
  MemberSendingView,
  MemberView,
  Paginated,
} from '@pioneer/shared';
import { AuthRateLimited, CurrentPrincipal, NoIdempotency } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { BindMemberDto, CreateMemberDto, ListMembersQueryDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: '我能看到的党员（本支部及下级为流出地视图，流入本支部的为流入地视图）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMembersQueryDto,
  ): Promise<Paginated<MemberListItem>> {
    return this.members.list(principal, query);
  }

  @Get('me')
  @ApiOperation({ summary: '我的党员档案（已绑定时）' })
  mine(@CurrentPrincipal() principal: Principal): Promise<MemberSelfView> {
    return this.members.mine(principal);
  }

  @Post('bind')
  @HttpCode(200)
  @AuthRateLimited()
  @ApiOperation({ summary: '党员把微信账号绑定到名册（姓名 + 手机号，或姓名 + 身份证后 6 位）' })
  bind(@CurrentPrincipal() principal: Principal, @Body() body: BindMemberDto): Promise<MemberSelfView> {
    return this.members.bind(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: '一名党员：按调用者所在一方给出相应字段' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MemberView> {
    return this.members.view(principal, id);
  }

  @Post(':id/reveal')
  // A full read is audited every time: a stored answer replayed for a repeated key would be a read without a record.
  @NoIdempotency()
  @HttpCode(200)
  @ApiOperation({ summary: '查看完整身份证号和手机号（仅流出地书记或组织部门；每次留痕）' })
  reveal(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MemberRevealView> {
    return this.members.revealAudited(principal, id);
  }

  @Post(':id/unbind')
  @HttpCode(200)
  @ApiOperation({ summary: '解除党员的微信绑定（由所在支部办理，之后党员可重新绑定）' })
  unbind(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ unbound: boolean }> {
    return this.members.unbind(principal, id);
  }

  @Post()
  @ApiOperation({ summary: '登记党员' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateMemberDto): Promise<MemberSendingView> {
    return this.members.create(principal, body);
  }
}
