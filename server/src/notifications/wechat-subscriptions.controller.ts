import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SubscriptionsView } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ReportSubscriptionsDto } from './dto/wechat-subscriptions.dto.js';
import { WechatSubscriptionsService } from './wechat-subscriptions.service.js';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('me/subscriptions')
export class WechatSubscriptionsController {
  constructor(private readonly subscriptions: WechatSubscriptionsService) {}

  @Get()
  @ApiOperation({ summary: '微信订阅消息：应请求的模板（含用途）和每个模板还可接收的条数' })
  view(@CurrentPrincipal() principal: Principal): Promise<SubscriptionsView> {
    return this.subscriptions.view(principal);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '上报 wx.requestSubscribeMessage 的结果：每个“允许”可接收一条消息' })
  report(@CurrentPrincipal() principal: Principal, @Body() dto: ReportSubscriptionsDto): Promise<SubscriptionsView> {
    return this.subscriptions.report(principal, dto.results);
  }
}
