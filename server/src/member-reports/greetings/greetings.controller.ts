import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GreetingView, Paginated } from '@pioneer/shared';
import { CurrentPrincipal } from '../../common/auth/decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import { ListGreetingsQueryDto, SendGreetingDto } from './dto/greetings.dto.js';
import { GreetingsService } from './greetings.service.js';

@ApiTags('greetings')
@ApiBearerAuth()
@Controller('greetings')
export class GreetingsController {
  constructor(private readonly greetings: GreetingsService) {}

  @Post()
  @ApiOperation({ summary: '向本支部（或本组织下）全体流动党员发送节日问候；同一 clientKey 只发一次' })
  send(@CurrentPrincipal() principal: Principal, @Body() body: SendGreetingDto): Promise<GreetingView> {
    return this.greetings.send(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '本组织发过的问候（最新的在前）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListGreetingsQueryDto,
  ): Promise<Paginated<GreetingView>> {
    return this.greetings.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '一条问候及送达人数' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<GreetingView> {
    return this.greetings.get(principal, id);
  }
}
