import {
  Body,
  Controller,
  Get,
  HttpCode,
  Ip,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  IMPORT_MAX_BYTES,
  XLSX_CONTENT_TYPE,
  type FourFactView,
  type ImportReport,
  type LedgerMemberItem,
  type LedgerRollupView,
  type Paginated,
  type PersonFileView,
  type UnclearMemberItem,
} from '@pioneer/shared';
import { CurrentPrincipal, NoIdempotency } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import {
  ConfirmFactsDto,
  ExportLedgerQueryDto,
  ImportRosterQueryDto,
  ImportTemplateQueryDto,
  LedgerPageQueryDto,
  UnclearMembersQueryDto,
} from './dto/ledger.dto.js';
import { LedgersService, type LedgerFile, type UploadedFile as Upload } from './ledgers.service.js';

/** A generated sheet as a download, its (Chinese) name in RFC 5987 form with an ASCII fallback. */
function download(file: LedgerFile): StreamableFile {
  return new StreamableFile(file.body, {
    type: file.contentType,
    length: file.body.length,
    disposition: `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });
}

@ApiTags('ledgers')
@ApiBearerAuth()
@Controller('ledgers')
export class LedgersController {
  constructor(private readonly ledgers: LedgersService) {}

  @Post('members/:id/facts')
  @HttpCode(200)
  @ApiOperation({ summary: '核实四清：记录本次核实的事项（流出地书记、支委或组织部门）' })
  confirmFacts(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ConfirmFactsDto,
  ): Promise<FourFactView[]> {
    return this.ledgers.confirmFacts(principal, id, body);
  }

  @Get('members/:id/file')
  @ApiOperation({ summary: '一人一档：党员信息、四清情况和历次流动（仅流出地）' })
  personFile(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PersonFileView> {
    return this.ledgers.personFile(principal, id);
  }

  @Get('unclear')
  @ApiOperation({ summary: '四清不清的党员：有事项未核实或超过 90 天未复核（本组织及下级）' })
  unclear(
    @CurrentPrincipal() principal: Principal,
    @Query() query: UnclearMembersQueryDto,
  ): Promise<Paginated<UnclearMemberItem>> {
    return this.ledgers.unclear(principal, query);
  }

  @Get('branch/:orgId')
  @ApiOperation({ summary: '一村一册：支部或村（社区）及其下级的党员台账（分页）' })
  branchBook(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: LedgerPageQueryDto,
  ): Promise<Paginated<LedgerMemberItem>> {
    return this.ledgers.branchBook(principal, orgId, query);
  }

  @Get('rollup/:orgId')
  @ApiOperation({ summary: '一乡一账、一县一账：流出、流入按状态统计，流向和行业前 20，党员总数和四清不清人数' })
  rollup(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
  ): Promise<LedgerRollupView> {
    return this.ledgers.rollup(principal, orgId);
  }

  @Get('import/template')
  @ApiOperation({ summary: '下载党员名册导入模板（.xlsx，含填写说明；指定组织时附党支部编号表）' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  async importTemplate(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportTemplateQueryDto,
  ): Promise<StreamableFile> {
    return download(await this.ledgers.importTemplate(principal, query.orgId));
  }

  @Post('import')
  @HttpCode(200)
  // A retried commit finds its rows on the roster and writes nothing; the key's body hash could not see the file anyway.
  @NoIdempotency()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10 } }))
  @ApiOperation({ summary: '导入党员名册（.xlsx，不超过 5 MB）：preview 只检查，commit 全部无误才一次写入' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  importRoster(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ImportRosterQueryDto,
    @UploadedFile() file: Upload | undefined,
  ): Promise<ImportReport> {
    return this.ledgers.importRoster(principal, query, file);
  }

  @Get('export/:orgId.xlsx')
  @ApiOperation({ summary: '导出党员台账（.xlsx，默认隐去身份证号和手机号中间位；full=true 完整导出，留痕）' })
  @ApiProduces(XLSX_CONTENT_TYPE)
  async exportLedger(
    @CurrentPrincipal() principal: Principal,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: ExportLedgerQueryDto,
    @Ip() ip: string,
  ): Promise<StreamableFile> {
    return download(await this.ledgers.exportLedger(principal, orgId, query, ip ?? null));
  }
}
