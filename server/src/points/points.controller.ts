import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HttpHeader,
  type BenefitView,
  type CatalogueBenefit,
  type Paginated,
  type PointsBranchSettings,
  type PointsEntryView,
  type PointsSummary,
  type RedeemResult,
  type RedemptionView,
  type ReviewQueueEntry,
  type StaffRedemptionView,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  BenefitsQueryDto,
  CreateBenefitDto,
  ManualAwardDto,
  PointsBranchSettingsDto,
  PointsPageQueryDto,
  RedemptionCodeDto,
  ReverseEntryDto,
  ReviewDecisionDto,
  UpdateBenefitDto,
} from './dto/points.dto.js';
import { PointsService } from './points.service.js';
import { RedemptionsService } from './redemptions.service.js';

/** A member's own points and redemptions. */
@ApiTags('points')
@ApiBearerAuth()
@Controller('me')
export class MyPointsController {
  constructor(
    private readonly points: PointsService,
    private readonly redemptions: RedemptionsService,
  ) {}

  @Get('points')
  @ApiOperation({ summary: '我的积分：余额（已入账）与待审核的积分' })
  summary(@CurrentPrincipal() principal: Principal): Promise<PointsSummary> {
    return this.points.mySummary(principal);
  }

  @Get('points/entries')
  @ApiOperation({ summary: '我的积分明细：每一条的来源和原因，最新的在前' })
  entries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PointsPageQueryDto,
  ): Promise<Paginated<PointsEntryView>> {
    return this.points.myEntries(principal, query);
  }

  @Get('redemptions')
  @ApiOperation({ summary: '我的兑换记录与兑换码' })
  redemptionsOfMine(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PointsPageQueryDto,
  ): Promise<Paginated<RedemptionView>> {
    return this.redemptions.mine(principal, query);
  }
}

/** The sending branch's view and corrections of a member's ledger, and its review queue. */
@ApiTags('points')
@ApiBearerAuth()
@Controller()
export class PointsLedgerController {
  constructor(private readonly points: PointsService) {}

  @Get('members/:id/points')
  @ApiOperation({ summary: '党员的积分余额（流出地党支部）' })
  memberSummary(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PointsSummary> {
    return this.points.memberSummary(principal, id);
  }

  @Get('members/:id/points/entries')
  @ApiOperation({ summary: '党员的积分明细（流出地党支部）' })
  memberEntries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PointsPageQueryDto,
  ): Promise<Paginated<PointsEntryView>> {
    return this.points.memberEntries(principal, id, query);
  }

  @Post('members/:id/points/awards')
  @ApiOperation({ summary: '手工奖励或扣减积分（须写明原因，立即入账）' })
  manualAward(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ManualAwardDto,
    @Headers(HttpHeader.IDEMPOTENCY_KEY.toLowerCase()) key: string | undefined,
  ): Promise<PointsEntryView> {
    return this.points.manualAward(principal, id, body, key ?? null);
  }

  @Post('points/entries/:id/reverse')
  @HttpCode(200)
  @ApiOperation({ summary: '更正一条已入账的积分：追加一条相反的记录，原记录不变' })
  reverse(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReverseEntryDto,
  ): Promise<PointsEntryView> {
    return this.points.reverse(principal, id, body.reason);
  }

  @Get('points/review')
  @ApiOperation({ summary: '待审核的积分（本人管理的支部的党员，最早的在前）' })
  reviewQueue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PointsPageQueryDto,
  ): Promise<Paginated<ReviewQueueEntry>> {
    return this.points.reviewQueue(principal, query);
  }

  @Post('points/entries/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '审核通过：积分入账' })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDecisionDto,
  ): Promise<PointsEntryView> {
    return this.points.decide(principal, id, 'posted', body.note ?? null);
  }

  @Post('points/entries/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '审核不通过：积分不入账' })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReviewDecisionDto,
  ): Promise<PointsEntryView> {
    return this.points.decide(principal, id, 'rejected', body.note ?? null);
  }

  @Get('orgs/:id/points-settings')
  @ApiOperation({ summary: '支部的积分设置：入账前是否审核' })
  settings(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PointsBranchSettings> {
    return this.points.branchSettings(principal, id);
  }

  @Put('orgs/:id/points-settings')
  @ApiOperation({ summary: '设置支部的积分是否需要审核后入账' })
  setSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PointsBranchSettingsDto,
  ): Promise<PointsBranchSettings> {
    return this.points.setBranchSettings(principal, id, body.reviewRequired);
  }
}

/** Benefits, redeeming them, and fulfilling codes. */
@ApiTags('points')
@ApiBearerAuth()
@Controller()
export class RedemptionsController {
  constructor(private readonly redemptions: RedemptionsService) {}

  @Get('points/catalogue')
  @ApiOperation({ summary: '我可以兑换的权益（所在支部、流入地支部及其上级组织提供的）' })
  catalogue(@CurrentPrincipal() principal: Principal): Promise<CatalogueBenefit[]> {
    return this.redemptions.catalogue(principal);
  }

  @Get('points/benefits')
  @ApiOperation({ summary: '本组织及下级组织的权益目录（工作人员）' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: BenefitsQueryDto): Promise<Paginated<BenefitView>> {
    return this.redemptions.list(principal, query);
  }

  @Post('points/benefits')
  @ApiOperation({ summary: '新增一项权益（组织管理员或社区工作人员）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateBenefitDto): Promise<BenefitView> {
    return this.redemptions.create(principal, body);
  }

  @Patch('points/benefits/:id')
  @ApiOperation({ summary: '修改权益：名称、说明、所需积分、库存、每人限兑、上下架' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateBenefitDto,
  ): Promise<BenefitView> {
    return this.redemptions.update(principal, id, body);
  }

  @Post('points/benefits/:id/redeem')
  @ApiOperation({ summary: '兑换：扣积分、减库存，发放兑换码' })
  redeem(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RedeemResult> {
    return this.redemptions.redeem(principal, id);
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消未核销的兑换：积分和库存退回' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<RedemptionView> {
    return this.redemptions.cancel(principal, id);
  }

  @Post('redemptions/lookup')
  @HttpCode(200)
  @ApiOperation({ summary: '核销前查看兑换码对应的权益（提供权益的组织工作人员）' })
  lookup(@CurrentPrincipal() principal: Principal, @Body() body: RedemptionCodeDto): Promise<StaffRedemptionView> {
    return this.redemptions.lookup(principal, body.code);
  }

  @Post('redemptions/fulfil')
  @HttpCode(200)
  @ApiOperation({ summary: '核销兑换码（每个兑换码只能核销一次）' })
  fulfil(@CurrentPrincipal() principal: Principal, @Body() body: RedemptionCodeDto): Promise<StaffRedemptionView> {
    return this.redemptions.fulfil(principal, body.code);
  }
}
