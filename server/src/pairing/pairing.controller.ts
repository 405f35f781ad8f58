import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  BranchPairingRow,
  ContactLogEntry,
  LostProposalView,
  MemberPairingView,
  MyPairedMember,
  Paginated,
  PairingCandidate,
  PairingRulesView,
  PairingView,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  ConfirmLostDto,
  DismissLostDto,
  EndPairingDto,
  LogContactDto,
  LostProposalsQueryDto,
  PairMembersDto,
  PairingPageQueryDto,
  SetPairingRulesDto,
  UpdatePairingDto,
} from './dto/pairing.dto.js';
import { LostContactService } from './lost-contact.service.js';
import { PairingService } from './pairing.service.js';

/** 结对联系: pairing, the contact log, rules and lost-contact proposals (sending side only). */
@ApiTags('pairing')
@ApiBearerAuth()
@Controller('pairings')
export class PairingController {
  constructor(
    private readonly pairings: PairingService,
    private readonly lost: LostContactService,
  ) {}

  @Get('branches/:branchId/members')
  @ApiOperation({ summary: '本支部党员及其结对情况（分页）' })
  branchMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('branchId', ParseUUIDPipe) branchId: string,
    @Query() query: PairingPageQueryDto,
  ): Promise<Paginated<BranchPairingRow>> {
    return this.pairings.branchMembers(principal, branchId, query);
  }

  @Get('branches/:branchId/committee')
  @ApiOperation({ summary: '可结对的支委委员和支部书记' })
  committee(
    @CurrentPrincipal() principal: Principal,
    @Param('branchId', ParseUUIDPipe) branchId: string,
  ): Promise<PairingCandidate[]> {
    return this.pairings.candidates(principal, branchId);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '安排结对（一对一或一对多）；原有结对改为与此人结对，历史保留' })
  pair(@CurrentPrincipal() principal: Principal, @Body() body: PairMembersDto): Promise<PairingView[]> {
    return this.pairings.pair(principal, body);
  }

  @Get('mine')
  @ApiOperation({ summary: '我结对联系的党员，逾期的在前' })
  mine(@CurrentPrincipal() principal: Principal): Promise<MyPairedMember[]> {
    return this.pairings.mine(principal);
  }

  @Get('lost-proposals')
  @ApiOperation({ summary: '待确认的疑似失联党员（分页）' })
  lostProposals(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LostProposalsQueryDto,
  ): Promise<Paginated<LostProposalView>> {
    return this.lost.list(principal, query);
  }

  @Post('lost-proposals/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '确认失联：流动记录标记为失联' })
  confirmLost(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ConfirmLostDto,
  ): Promise<LostProposalView> {
    return this.lost.confirm(principal, id, body);
  }

  @Post('lost-proposals/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: '排除失联提醒（须说明理由），一段时间内不再提醒' })
  dismissLost(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DismissLostDto,
  ): Promise<LostProposalView> {
    return this.lost.dismiss(principal, id, body);
  }

  @Get('members/:memberId')
  @ApiOperation({ summary: '党员的结对情况：当前结对和历史' })
  member(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<MemberPairingView> {
    return this.pairings.memberView(principal, memberId);
  }

  @Get('members/:memberId/contacts')
  @ApiOperation({ summary: '联系记录（最新的在前）：结对支委和支部书记可见' })
  contacts(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Query() query: PairingPageQueryDto,
  ): Promise<Paginated<ContactLogEntry>> {
    return this.pairings.contacts(principal, memberId, query);
  }

  @Post('members/:memberId/contacts')
  @ApiOperation({ summary: '记录一次联系（电话、微信、走访、书信）' })
  logContact(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() body: LogContactDto,
  ): Promise<ContactLogEntry> {
    return this.pairings.logContact(principal, memberId, body);
  }

  @Get('rules/:orgId')
  @ApiOperation({ summary: '结对联系规则：联系周期、境外联系周期、失联天数' })
  rules(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<PairingRulesView> {
    return this.pairings.rules(principal, orgId);
  }

  @Put('rules/:orgId')
  @ApiOperation({ summary: '设置本组织的结对联系规则（下级组织未单独设置时沿用）' })
  setRules(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Body() body: SetPairingRulesDto,
  ): Promise<PairingRulesView> {
    return this.pairings.setRules(principal, orgId, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改结对：是否出国（境）' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePairingDto,
  ): Promise<PairingView> {
    return this.pairings.update(principal, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOperation({ summary: '解除结对（记录保留）' })
  end(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EndPairingDto,
  ): Promise<PairingView> {
    return this.pairings.end(principal, id, body);
  }
}
