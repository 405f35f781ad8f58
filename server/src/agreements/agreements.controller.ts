import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgreementView } from '@pioneer/shared';
import { CurrentPrincipal } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { AgreementsService } from './agreements.service.js';
import { CreateAgreementDto } from './dto/agreement.dto.js';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @ApiOperation({ summary: '与我负责的组织有关的共管协议（协议双方及其上下级可见）' })
  list(@CurrentPrincipal() principal: Principal): Promise<AgreementView[]> {
    return this.agreements.list(principal);
  }

  @Post()
  @ApiOperation({ summary: '签订共管协议（协议一方的组织部门管理员）' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAgreementDto): Promise<AgreementView> {
    return this.agreements.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: '一份共管协议' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AgreementView> {
    return this.agreements.view(principal, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiOperation({ summary: '终止共管协议（协议一方的组织部门管理员）' })
  end(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AgreementView> {
    return this.agreements.end(principal, id);
  }
}
