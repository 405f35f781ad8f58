import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Ip,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type {
  HeartbeatResponse,
  MyStudyPack,
  MyStudyPlan,
  NoSmartphoneView,
  OpenStudyItemResponse,
  Paginated,
  PairedBehindMember,
  PairingsView,
  QuizResult,
  StudyCompletionView,
  StudyDeliveryView,
  StudyHistoryEntry,
  StudyItemView,
  StudyPackSummary,
  StudyPackView,
  StudyPlanRule,
} from '@pioneer/shared';
import { CurrentPrincipal, NoIdempotency, SkipRateLimit } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { MembersService } from '../members/members.service.js';
import {
  ChooseElectivesDto,
  CompletionQueryDto,
  CreateStudyPackDto,
  HeartbeatDto,
  ListStudyPacksQueryDto,
  PageQueryDto,
  PublishStudyPackDto,
  QuizAnswerDto,
  SetNoSmartphoneDto,
  SetPairingsDto,
  SetStudyPlanDto,
  StudyItemDto,
  StudyPlansQueryDto,
  UpdateStudyPackDto,
} from './dto/study.dto.js';
import { StudyPacksService } from './study-packs.service.js';
import { StudyPlansService } from './study-plans.service.js';
import { StudyReadingService } from './study-reading.service.js';

/** Writing, publishing and delivering packs; plans, completion and pairings (org staff). */
@ApiTags('study')
@ApiBearerAuth()
@Controller()
export class StudyController {
  constructor(
    private readonly packs: StudyPacksService,
    private readonly plans: StudyPlansService,
    private readonly members: MembersService,
  ) {}

  @Post('study/packs')
  @ApiOperation({ summary: '新建学习礼包（草稿）：受众为某组织下的全体、外出、在家或流入党员' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateStudyPackDto): Promise<StudyPackView> {
    return this.packs.create(principal, body);
  }

  @Get('study/packs')
  @ApiOperation({ summary: '本组织及下级组织的学习礼包（最新的在前）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListStudyPacksQueryDto,
  ): Promise<Paginated<StudyPackSummary>> {
    return this.packs.list(principal, query);
  }

  @Get('study/packs/:id')
  @ApiOperation({ summary: '一份学习礼包及其内容（预览：正文与党员看到的相同，另含测验答案）' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<StudyPackView> {
    return this.packs.view(principal, id);
  }

  @Patch('study/packs/:id')
  @ApiOperation({ summary: '修改草稿的标题、简介、月份或受众' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStudyPackDto,
  ): Promise<StudyPackView> {
    return this.packs.update(principal, id, body);
  }

  @Post('study/packs/:id/items')
  @ApiOperation({ summary: '在草稿中加入一项学习内容（图文正文在服务器上清理）' })
  addItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: StudyItemDto,
  ): Promise<StudyItemView> {
    return this.packs.addItem(principal, id, body);
  }

  @Put('study/packs/:id/items/:itemId')
  @ApiOperation({ summary: '修改草稿中的一项学习内容' })
  updateItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: StudyItemDto,
  ): Promise<StudyItemView> {
    return this.packs.updateItem(principal, id, itemId, body);
  }

  @Delete('study/packs/:id/items/:itemId')
  @ApiOperation({ summary: '删去草稿中的一项学习内容' })
  deleteItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('itemId', ParseUUIDPipe) itemId: string,
  ): Promise<StudyPackView> {
    return this.packs.deleteItem(principal, id, itemId);
  }

  @Post('study/packs/:id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '立即发布或定时发布；推送在后台分批进行，重启后接着推送' })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PublishStudyPackDto,
  ): Promise<StudyPackView> {
    return this.packs.publish(principal, id, body);
  }

  @Post('study/packs/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回：定时的不再发布，推送中的停止，党员不再看到' })
  withdraw(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<StudyPackView> {
    return this.packs.withdraw(principal, id);
  }

  @Get('study/packs/:id/delivery')
  @ApiOperation({ summary: '推送进度：受众人数、已送达站内消息、红色邮包' })
  delivery(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<StudyDeliveryView> {
    return this.packs.delivery(principal, id);
  }

  @Get('study/packs/:id/red-parcels.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '红色邮包名单（没有智能手机的党员，.xlsx，留痕）' })
  async redParcels(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Ip() ip: string,
  ): Promise<StreamableFile> {
    const file = await this.packs.redParcels(principal, id, ip ?? null);
    return new StreamableFile(file.body, {
      type: file.contentType,
      length: file.body.length,
      disposition: `attachment; filename="red-parcels.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }

  @Put('study/plans')
  @ApiOperation({ summary: '设置某组织某年的学习计划（下级组织的党员按最近一级的计划）' })
  setPlan(@CurrentPrincipal() principal: Principal, @Body() body: SetStudyPlanDto): Promise<StudyPlanRule> {
    return this.plans.setPlan(principal, body);
  }

  @Get('study/plans')
  @ApiOperation({ summary: '某组织及其上级组织某年的学习计划（最后一条即本组织党员适用的）' })
  listPlans(@CurrentPrincipal() principal: Principal, @Query() query: StudyPlansQueryDto): Promise<StudyPlanRule[]> {
    return this.plans.plans(principal, query);
  }

  @Get('study/completion/:orgId')
  @ApiOperation({ summary: '学习完成情况：本组织及各下级组织的人数统计，不排名' })
  completion(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: CompletionQueryDto,
  ): Promise<StudyCompletionView> {
    return this.plans.completion(principal, orgId, query.year);
  }

  @Get('study/paired-behind')
  @ApiOperation({ summary: '与我结对、学习进度落后的党员' })
  pairedBehind(@CurrentPrincipal() principal: Principal): Promise<PairedBehindMember[]> {
    return this.plans.pairedBehind(principal);
  }

  @Put('study/pairings')
  @ApiOperation({ summary: '支部书记安排支委委员与本支部党员结对联系' })
  setPairings(@CurrentPrincipal() principal: Principal, @Body() body: SetPairingsDto): Promise<PairingsView> {
    return this.plans.setPairings(principal, body);
  }

  @Put('members/:id/no-smartphone')
  @ApiOperation({ summary: '标记党员没有智能手机：学习礼包改为邮寄红色邮包' })
  noSmartphone(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetNoSmartphoneDto,
  ): Promise<NoSmartphoneView> {
    return this.members.setNoSmartphone(principal, id, body.noSmartphone);
  }
}

/** A member's own packs, reading sessions, quizzes and plan. */
@ApiTags('study')
@ApiBearerAuth()
@Controller('me/study')
export class MyStudyController {
  constructor(
    private readonly reading: StudyReadingService,
    private readonly plans: StudyPlansService,
  ) {}

  @Get('packs')
  @ApiOperation({ summary: '送达我的学习礼包（最新的在前）' })
  packs(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Paginated<MyStudyPack>> {
    return this.reading.myPacks(principal, query);
  }

  @Get('packs/:id')
  @ApiOperation({ summary: '一份送达我的学习礼包及我的学习进度' })
  pack(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<MyStudyPack> {
    return this.reading.myPack(principal, id);
  }

  @Get('items/:itemId')
  @ApiOperation({ summary: '一项学习内容（图文正文已清理；测验不含答案）' })
  item(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ParseUUIDPipe) itemId: string,
  ): Promise<StudyItemView> {
    return this.reading.myItem(principal, itemId);
  }

  @Post('items/:itemId/open')
  @HttpCode(200)
  @NoIdempotency()
  @ApiOperation({ summary: '打开学习内容，开始一次阅读（之后按 heartbeatSeconds 发送心跳）' })
  open(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ParseUUIDPipe) itemId: string,
  ): Promise<OpenStudyItemResponse> {
    return this.reading.open(principal, itemId);
  }

  @Post('sessions/:sessionId/heartbeat')
  @HttpCode(200)
  @NoIdempotency()
  @SkipRateLimit()
  @ApiOperation({ summary: '阅读心跳：按服务器时间计入有效学习时长（重放、后台、并行阅读不计）' })
  heartbeat(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: HeartbeatDto,
  ): Promise<HeartbeatResponse> {
    return this.reading.heartbeat(principal, sessionId, body);
  }

  @Post('sessions/:sessionId/finish')
  @HttpCode(200)
  @NoIdempotency()
  @ApiOperation({ summary: '结束阅读（带最后一次心跳）' })
  finish(
    @CurrentPrincipal() principal: Principal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() body: HeartbeatDto,
  ): Promise<HeartbeatResponse> {
    return this.reading.finish(principal, sessionId, body);
  }

  @Post('items/:itemId/quiz')
  @HttpCode(200)
  @ApiOperation({ summary: '提交测验答案，得分（可重做，记最高分）' })
  quiz(
    @CurrentPrincipal() principal: Principal,
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Body() body: QuizAnswerDto,
  ): Promise<QuizResult> {
    return this.reading.quiz(principal, itemId, body);
  }

  @Get('plan')
  @ApiOperation({ summary: '我的年度学习计划与进度' })
  plan(@CurrentPrincipal() principal: Principal): Promise<MyStudyPlan> {
    return this.plans.myPlan(principal);
  }

  @Put('plan/electives')
  @ApiOperation({ summary: '选择今年自主选学的学习礼包' })
  electives(@CurrentPrincipal() principal: Principal, @Body() body: ChooseElectivesDto): Promise<MyStudyPlan> {
    return this.plans.chooseElectives(principal, body);
  }

  @Get('history')
  @ApiOperation({ summary: '我的学习记录（按天）' })
  history(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Paginated<StudyHistoryEntry>> {
    return this.reading.history(principal, query);
  }
}
