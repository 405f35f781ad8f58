import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InboxItem, InboxSummary, Paginated } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { ListInboxQueryDto } from './dto/inbox.dto.js';
import { InboxService } from './inbox.service.js';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '我的消息：本人的通知，以及我任职的党组织收到的通知和待办' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListInboxQueryDto): Promise<Paginated<InboxItem>> {
    return this.inbox.list(principal, query);
  }

  @Get('summary')
  @ApiOperation({ summary: '未读通知数和未办待办数' })
  summary(@CurrentPrincipal() principal: Principal): Promise<InboxSummary> {
    return this.inbox.summary(principal);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记一条消息为已读' })
  read(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<InboxItem> {
    return this.inbox.markRead(principal, id);
  }
}
