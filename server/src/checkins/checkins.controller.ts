import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  ActivitySummary,
  ActivityView,
  ArrivalResult,
  AttendanceView,
  BranchCodeView,
  CheckinResult,
  CheckinView,
  CodeKeyView,
  Paginated,
  PersonalCodeKey,
  ResolvedCode,
  VenueCodeView,
} from '@pioneer/shared';
import { CurrentPrincipal, NoIdempotency, SkipRateLimit } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ActivitiesService } from './activities.service.js';
import { ArrivalsService } from './arrivals.service.js';
import { CheckinsService } from './checkins.service.js';
import { CodeKeysService } from './code-keys.service.js';
import { CodesService } from './codes.service.js';
import {
  ArrivalByPersonalCodeDto,
  ArrivalDto,
  CheckinByPersonalCodeDto,
  CheckinDto,
  CodeKeyParamsDto,
  CreateActivityDto,
  ListActivitiesQueryDto,
  MyCheckinsQueryDto,
  ResolveCodeDto,
  RevokeKeyParamsDto,
} from './dto/checkins.dto.js';

function poster(body: Buffer, type: string, ext: string, branchName: string): StreamableFile {
  return new StreamableFile(body, {
    type,
    length: body.length,
    disposition: `attachment; filename="poster.${ext}"; filename*=UTF-8''${encodeURIComponent(`${branchName}-流动先锋码.${ext}`)}`,
  });
}

@ApiTags('codes')
@ApiBearerAuth()
@Controller()
export class CodesController {
  constructor(
    private readonly codes: CodesService,
    private readonly keys: CodeKeysService,
    private readonly arrivals: ArrivalsService,
  ) {}

  @Post('codes/resolve')
  @HttpCode(200)
  @NoIdempotency()
  @SkipRateLimit()
  @ApiOperation({ summary: '识别扫到或输入的先锋码：是哪个党支部或哪个活动（签名无效的码被拒绝）' })
  resolve(@Body() body: ResolveCodeDto): Promise<ResolvedCode> {
    return this.arrivals.resolve(body.code);
  }

  @Get('orgs/:id/code')
  @ApiOperation({ summary: '党支部的流动先锋码（报到码）与手动输入码' })
  branchCode(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<BranchCodeView> {
    return this.codes.branchCode(principal, id);
  }

  @Get('orgs/:id/code/poster.png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: '报到码海报（PNG，A4 150dpi）' })
  async posterPng(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const { png, view } = await this.codes.poster(principal, id);
    return poster(png, 'image/png', 'png', view.branchName);
  }

  @Get('orgs/:id/code/poster.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '报到码海报（PDF，A4）' })
  async posterPdf(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const { pdf, view } = await this.codes.poster(principal, id);
    return poster(pdf, 'application/pdf', 'pdf', view.branchName);
  }

  @Get('orgs/:id/code/wxacode.png')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOperation({ summary: '党支部的微信小程序码图片（首次请求时由微信生成并保存，之后直接返回）' })
  async wxacode(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StreamableFile> {
    const { image, contentType } = await this.codes.branchWxacode(principal, id);
    return new StreamableFile(image, { type: contentType, length: image.length });
  }

  @Get('codes/keys')
  @ApiOperation({ summary: '先锋码签名密钥（系统管理员）' })
  keyList(@CurrentPrincipal() principal: Principal): Promise<CodeKeyView[]> {
    return this.keys.list(principal);
  }

  @Post('codes/keys/:purpose/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: '启用新版本密钥：新码用新密钥签名，旧码在停用前仍然有效（系统管理员）' })
  rotate(@CurrentPrincipal() principal: Principal, @Param() params: CodeKeyParamsDto): Promise<CodeKeyView[]> {
    return this.keys.rotate(principal, params.purpose);
  }

  @Post('codes/keys/:purpose/:version/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: '停用一个版本的密钥：用它签名的码立即失效（系统管理员）' })
  revoke(@CurrentPrincipal() principal: Principal, @Param() params: RevokeKeyParamsDto): Promise<CodeKeyView[]> {
    return this.keys.revoke(principal, params.purpose, params.version);
  }

  @Get('me/personal-code-key')
  @ApiOperation({ summary: '本人个人先锋码的密钥，手机据此离线生成每 30 秒变化的码' })
  personalCodeKey(@CurrentPrincipal() principal: Principal): Promise<PersonalCodeKey> {
    return this.codes.personalCodeKey(principal);
  }
}

@ApiTags('arrivals')
@ApiBearerAuth()
@Controller('arrivals')
export class ArrivalsController {
  constructor(private readonly arrivals: ArrivalsService) {}

  @Post()
  @HttpCode(200)
  @NoIdempotency()
  @SkipRateLimit()
  @ApiOperation({ summary: '扫党支部报到码报到，填写或确认四清信息（clientId 相同的重复提交只记一次）' })
  arrive(@CurrentPrincipal() principal: Principal, @Body() body: ArrivalDto): Promise<ArrivalResult> {
    return this.arrivals.arrive(principal, body);
  }

  @Post('by-personal-code')
  @HttpCode(200)
  @NoIdempotency()
  @ApiOperation({ summary: '流入地书记扫党员的个人先锋码，代为登记报到' })
  arriveByPersonalCode(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ArrivalByPersonalCodeDto,
  ): Promise<ArrivalResult> {
    return this.arrivals.arriveByPersonalCode(principal, body);
  }
}

@ApiTags('activities')
@ApiBearerAuth()
@Controller()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly checkins: CheckinsService,
  ) {}

  @Get('activities')
  @ApiOperation({ summary: '党支部的活动（最近开始的在前）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListActivitiesQueryDto,
  ): Promise<Paginated<ActivitySummary>> {
    return this.activities.list(principal, query);
  }

  @Post('activities')
  @ApiOperation({ summary: '发起活动（三会一课、主题党日、志愿服务、节日联谊）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateActivityDto): Promise<ActivityView> {
    return this.activities.create(principal, body);
  }

  @Get('activities/:id')
  @ApiOperation({ summary: '一个活动' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityView> {
    return this.activities.view(principal, id);
  }

  @Post('activities/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消活动' })
  cancel(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ActivityView> {
    return this.activities.cancel(principal, id);
  }

  @Get('activities/:id/venue-code')
  @SkipRateLimit()
  @ApiOperation({ summary: '签到大屏当前的签到码（每 20 秒更换）' })
  venueCode(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<VenueCodeView> {
    return this.activities.venueCode(principal, id);
  }

  @Get('activities/:id/attendance')
  @ApiOperation({ summary: '签到与缺席名单，异常签到已标出' })
  attendance(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AttendanceView> {
    return this.activities.attendance(principal, id);
  }

  @Post('activities/:id/checkins/by-personal-code')
  @HttpCode(200)
  @NoIdempotency()
  @SkipRateLimit()
  @ApiOperation({ summary: '书记扫党员的个人先锋码，代为签到或签退' })
  checkinByPersonalCode(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CheckinByPersonalCodeDto,
  ): Promise<CheckinResult> {
    return this.checkins.checkinByPersonalCode(principal, id, body);
  }

  @Post('checkins')
  @HttpCode(200)
  @NoIdempotency()
  @SkipRateLimit()
  @ApiOperation({ summary: '扫活动大屏的签到码签到或签退（clientId 相同的重复提交只记一次）' })
  checkin(@CurrentPrincipal() principal: Principal, @Body() body: CheckinDto): Promise<CheckinResult> {
    return this.checkins.checkin(principal, body);
  }

  @Get('members/:id/checkins')
  @ApiOperation({ summary: '党员的签到记录（流出地、流入地党组织和本人可看）' })
  ofMember(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: MyCheckinsQueryDto,
  ): Promise<Paginated<CheckinView>> {
    return this.checkins.ofMember(principal, id, query);
  }

  @Get('me/checkins')
  @ApiOperation({ summary: '我的签到记录' })
  mine(@CurrentPrincipal() principal: Principal, @Query() query: MyCheckinsQueryDto): Promise<Paginated<CheckinView>> {
    return this.checkins.mine(principal, query);
  }
}
