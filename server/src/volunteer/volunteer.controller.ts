import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  AreaView,
  BoardCardView,
  CardPhotoView,
  MyCardView,
  NeedMatchView,
  NeedView,
  Paginated,
  ReserveEntryView,
  ReturnPledgeView,
  ServiceView,
  SkillView,
  VolunteerRequestView,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  AreasQueryDto,
  BoardQueryDto,
  CardPhotoDto,
  ConfirmServiceDto,
  CreateCardDto,
  CreateNeedDto,
  CreateSkillDto,
  CreateVolunteerRequestDto,
  DeclineRequestDto,
  InviteDto,
  ListNeedsQueryDto,
  PageQueryDto,
  ReserveQueryDto,
  ReturnPledgeDto,
  ServiceScanDto,
  SkillCodeParams,
  SkillsQueryDto,
  UpdateCardDto,
  UpdateSkillDto,
} from './dto/volunteer.dto.js';
import { NeedsService } from './needs.service.js';
import { ReturningTalentService } from './returning-talent.service.js';
import { ServiceRecordsService } from './service-records.service.js';
import { SkillCardsService } from './skill-cards.service.js';
import { VolunteerRequestsService } from './volunteer-requests.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Skill taxonomy, skill cards and the community board. */
@ApiTags('volunteer')
@ApiBearerAuth()
@Controller('volunteer')
export class SkillCardsController {
  constructor(private readonly cards: SkillCardsService) {}

  @Get('skills')
  @ApiOperation({ summary: '技能目录（系统管理员可含已停用）' })
  skills(@CurrentPrincipal() principal: Principal, @Query() query: SkillsQueryDto): Promise<SkillView[]> {
    return this.cards.skills(principal, query.all ?? false);
  }

  @Post('skills')
  @ApiOperation({ summary: '系统管理员新增技能' })
  createSkill(@CurrentPrincipal() principal: Principal, @Body() body: CreateSkillDto): Promise<SkillView[]> {
    return this.cards.createSkill(principal, body);
  }

  @Patch('skills/:code')
  @ApiOperation({ summary: '系统管理员修改或停用技能' })
  updateSkill(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SkillCodeParams,
    @Body() body: UpdateSkillDto,
  ): Promise<SkillView[]> {
    return this.cards.updateSkill(principal, params.code, body);
  }

  @Get('areas')
  @ApiOperation({ summary: '选择社区：某组织的下一级（到村、社区为止）' })
  areas(@Query() query: AreasQueryDto): Promise<AreaView[]> {
    return this.cards.areas(query);
  }

  @Get('me/cards')
  @ApiOperation({ summary: '我的技能卡' })
  myCards(@CurrentPrincipal() principal: Principal): Promise<MyCardView[]> {
    return this.cards.myCards(principal);
  }

  @Post('me/cards')
  @ApiOperation({ summary: '发布技能卡' })
  createCard(@CurrentPrincipal() principal: Principal, @Body() body: CreateCardDto): Promise<MyCardView> {
    return this.cards.createCard(principal, body);
  }

  @Patch('me/cards/:id')
  @ApiOperation({ summary: '修改、暂停或恢复技能卡' })
  updateCard(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateCardDto,
  ): Promise<MyCardView> {
    return this.cards.updateCard(principal, id, body);
  }

  @Get('cards/:id')
  @ApiOperation({ summary: '技能卡（姓名已隐去）' })
  card(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<BoardCardView> {
    return this.cards.card(principal, id);
  }

  @Get('cards/:id/photo')
  @ApiOperation({ summary: '技能卡照片（base64）' })
  photo(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<CardPhotoView> {
    return this.cards.photo(principal, id);
  }

  @Put('cards/:id/photo')
  @ApiOperation({ summary: '上传技能卡照片（JPG/PNG，不超过 512 KB，自动去除拍摄信息）' })
  putPhoto(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: CardPhotoDto,
  ): Promise<MyCardView> {
    return this.cards.putPhoto(principal, id, body);
  }

  @Delete('cards/:id/photo')
  @ApiOperation({ summary: '删除技能卡照片' })
  deletePhoto(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<MyCardView> {
    return this.cards.deletePhoto(principal, id);
  }

  @Get('board/cards')
  @ApiOperation({ summary: '社区志愿板：技能卡' })
  board(@CurrentPrincipal() principal: Principal, @Query() query: BoardQueryDto): Promise<Paginated<BoardCardView>> {
    return this.cards.board(principal, query);
  }
}

/** Requests to cards. */
@ApiTags('volunteer')
@ApiBearerAuth()
@Controller('volunteer/requests')
export class VolunteerRequestsController {
  constructor(private readonly requests: VolunteerRequestsService) {}

  @Post()
  @ApiOperation({ summary: '向技能卡发出服务请求（居民或社区工作人员）' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateVolunteerRequestDto,
  ): Promise<VolunteerRequestView> {
    return this.requests.create(principal, body);
  }

  @Get('sent')
  @ApiOperation({ summary: '我发出的请求' })
  sent(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Paginated<VolunteerRequestView>> {
    return this.requests.sent(principal, query);
  }

  @Get('received')
  @ApiOperation({ summary: '我收到的请求（党员）' })
  received(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Paginated<VolunteerRequestView>> {
    return this.requests.received(principal, query);
  }

  @Get(':id')
  view(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<VolunteerRequestView> {
    return this.requests.view(principal, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<VolunteerRequestView> {
    return this.requests.accept(principal, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  decline(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: DeclineRequestDto,
  ): Promise<VolunteerRequestView> {
    return this.requests.decline(principal, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<VolunteerRequestView> {
    return this.requests.withdraw(principal, id);
  }
}

/** Needs, matching and sign-up. */
@ApiTags('volunteer')
@ApiBearerAuth()
@Controller('volunteer')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post('needs')
  @ApiOperation({ summary: '发布服务需求（社区工作人员、支部书记、组织部门）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateNeedDto): Promise<NeedView> {
    return this.needs.create(principal, body);
  }

  @Get('needs')
  @ApiOperation({ summary: '本组织发布的服务需求' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListNeedsQueryDto): Promise<Paginated<NeedView>> {
    return this.needs.list(principal, query);
  }

  @Get('board/needs')
  @ApiOperation({ summary: '社区志愿板：服务需求' })
  board(@CurrentPrincipal() principal: Principal, @Query() query: BoardQueryDto): Promise<Paginated<NeedView>> {
    return this.needs.board(principal, query);
  }

  @Get('needs/:id')
  view(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<NeedView> {
    return this.needs.view(principal, id);
  }

  @Post('needs/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<NeedView> {
    return this.needs.cancel(principal, id);
  }

  @Get('needs/:id/matches')
  @ApiOperation({ summary: '推荐的志愿者（按技能、区域、时间排序，并说明理由）' })
  matches(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<NeedMatchView[]> {
    return this.needs.matches(principal, id);
  }

  @Post('needs/:id/invite')
  @HttpCode(200)
  invite(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: InviteDto,
  ): Promise<{ invited: true }> {
    return this.needs.invite(principal, id, body);
  }

  @Post('needs/:id/signup')
  @ApiOperation({ summary: '党员报名（不超过需要人数）' })
  signup(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ServiceView> {
    return this.needs.signup(principal, id);
  }

  @Get('needs/:id/services')
  services(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ServiceView[]> {
    return this.needs.services(principal, id);
  }
}

/** Service records and 雁归. */
@ApiTags('volunteer')
@ApiBearerAuth()
@Controller('volunteer')
export class ServiceRecordsController {
  constructor(
    private readonly services: ServiceRecordsService,
    private readonly talent: ReturningTalentService,
  ) {}

  @Get('me/services')
  mine(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Paginated<ServiceView>> {
    return this.services.mine(principal, query);
  }

  @Get('services/received')
  received(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Paginated<ServiceView>> {
    return this.services.received(principal, query);
  }

  @Get('services/:id')
  view(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ServiceView> {
    return this.services.view(principal, id);
  }

  @Post('services/:id/scan')
  @HttpCode(200)
  @ApiOperation({ summary: '服务对象扫党员的个人先锋码签到、签退' })
  scan(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ServiceScanDto,
  ): Promise<ServiceView> {
    return this.services.scan(principal, id, body);
  }

  @Post('services/:id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '服务对象确认并评价（1–5 星），同时记入积分' })
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuid) id: string,
    @Body() body: ConfirmServiceDto,
  ): Promise<ServiceView> {
    return this.services.confirm(principal, id, body);
  }

  @Post('services/:id/cancel')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', uuid) id: string): Promise<ServiceView> {
    return this.services.cancel(principal, id);
  }

  @Get('me/return')
  @ApiOperation({ summary: '雁归：我的返乡服务意愿' })
  myReturn(@CurrentPrincipal() principal: Principal): Promise<ReturnPledgeView> {
    return this.talent.mine(principal);
  }

  @Put('me/return')
  pledge(@CurrentPrincipal() principal: Principal, @Body() body: ReturnPledgeDto): Promise<ReturnPledgeView> {
    return this.talent.pledge(principal, body);
  }

  @Delete('me/return')
  withdraw(@CurrentPrincipal() principal: Principal): Promise<ReturnPledgeView> {
    return this.talent.withdraw(principal);
  }

  @Get('reserve')
  @ApiOperation({ summary: '雁归人才库（组织部门）' })
  reserve(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReserveQueryDto,
  ): Promise<Paginated<ReserveEntryView>> {
    return this.talent.reserve(principal, query);
  }
}
