import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  EvaluationEntryView,
  EvaluationRoundView,
  MyEvaluationResult,
  MyEvaluationView,
  Paginated,
} from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  ListEvaluationEntriesQueryDto,
  ListEvaluationRoundsQueryDto,
  OpenEvaluationRoundDto,
  RecordEvaluationResultDto,
  SubmitSelfAssessmentDto,
} from './dto/evaluation.dto.js';
import { EvaluationService } from './evaluation.service.js';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('evaluation/rounds')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Post()
  @ApiOperation({ summary: '流出地党支部开始年度民主评议（每个支部每年一轮）' })
  open(@CurrentPrincipal() principal: Principal, @Body() body: OpenEvaluationRoundDto): Promise<EvaluationRoundView> {
    return this.evaluation.open(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '我所在组织的民主评议' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListEvaluationRoundsQueryDto,
  ): Promise<EvaluationRoundView[]> {
    return this.evaluation.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '一轮民主评议' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<EvaluationRoundView> {
    return this.evaluation.round(principal, id);
  }

  @Get(':id/members')
  @ApiOperation({ summary: '参评党员：自评、流入地反馈、参加活动、学习、积分和评定结果' })
  entries(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListEvaluationEntriesQueryDto,
  ): Promise<Paginated<EvaluationEntryView>> {
    return this.evaluation.entries(principal, id, query);
  }

  @Get(':id/members/:memberId')
  @ApiOperation({ summary: '一名参评党员的评议材料和结果' })
  entry(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<EvaluationEntryView> {
    return this.evaluation.entry(principal, id, memberId);
  }

  @Put(':id/members/:memberId/result')
  @ApiOperation({ summary: '记录评定结果（优秀、合格、基本合格、不合格）和理由' })
  recordResult(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
    @Body() body: RecordEvaluationResultDto,
  ): Promise<EvaluationEntryView> {
    return this.evaluation.recordResult(principal, id, memberId, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: '结束评议并向党员公布结果' })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EvaluationRoundView> {
    return this.evaluation.close(principal, id);
  }
}

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('me/evaluation')
export class MyEvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  @Get()
  @ApiOperation({ summary: '我参加的正在进行的民主评议和我的自评' })
  mine(@CurrentPrincipal() principal: Principal): Promise<MyEvaluationView> {
    return this.evaluation.mine(principal);
  }

  @Put()
  @ApiOperation({ summary: '填写或修改个人自评（评议进行中）' })
  submit(@CurrentPrincipal() principal: Principal, @Body() body: SubmitSelfAssessmentDto): Promise<MyEvaluationView> {
    return this.evaluation.submitSelfAssessment(principal, body);
  }

  @Get('results')
  @ApiOperation({ summary: '我的民主评议结果（评议结束后公布）' })
  results(@CurrentPrincipal() principal: Principal): Promise<MyEvaluationResult[]> {
    return this.evaluation.myResults(principal);
  }
}
