import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  SUGGESTION_IMAGE_MAX_BYTES,
  type Paginated,
  type SuggestionListItem,
  type SuggestionView,
  type UploadedSuggestionImage,
} from '@pioneer/shared';
import { CurrentPrincipal, NoIdempotency } from '../../common/auth/decorators.js';
import type { Principal } from '../../common/auth/principal.js';
import {
  CreateSuggestionDto,
  ListMySuggestionsQueryDto,
  ListSuggestionsQueryDto,
  MoveSuggestionDto,
} from './dto/suggestions.dto.js';
import { SuggestionsService, type ImageUpload } from './suggestions.service.js';

/** The member's suggestions: pictures first, then the suggestion that carries them. */
@ApiTags('suggestions')
@ApiBearerAuth()
@Controller('me/suggestions')
export class MySuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Post('images')
  // A retried upload parks a second copy that is never attached; the key's body hash could not see the file anyway.
  @NoIdempotency()
  // A bigger file is cut off by multer and answered 413 PAYLOAD_TOO_LARGE.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: SUGGESTION_IMAGE_MAX_BYTES, files: 1, fields: 2 } }))
  @ApiOperation({ summary: '上传一张建议图片（JPG 或 PNG，不超过 1MB）' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  upload(
    @CurrentPrincipal() principal: Principal,
    @UploadedFile() file: ImageUpload | undefined,
  ): Promise<UploadedSuggestionImage> {
    return this.suggestions.uploadImage(principal, file);
  }

  @Post()
  @ApiOperation({ summary: '提出建议（建言献策）；同一 clientKey 重试返回第一次的结果' })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateSuggestionDto): Promise<SuggestionView> {
    return this.suggestions.create(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '我提出的建议（最新的在前）' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListMySuggestionsQueryDto,
  ): Promise<Paginated<SuggestionListItem>> {
    return this.suggestions.listMine(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '我的一条建议（含办理状态和答复）' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SuggestionView> {
    return this.suggestions.getMine(principal, id);
  }
}

/** The home side (branch, township, county): list, answer and track. */
@ApiTags('suggestions')
@ApiBearerAuth()
@Controller('suggestions')
export class SuggestionsController {
  constructor(private readonly suggestions: SuggestionsService) {}

  @Get()
  @ApiOperation({ summary: '本县（或下级组织）收到的建议，可按状态和类别筛选' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListSuggestionsQueryDto,
  ): Promise<Paginated<SuggestionListItem>> {
    return this.suggestions.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '一条建议' })
  one(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<SuggestionView> {
    return this.suggestions.get(principal, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({ summary: '办理：改状态（办理中 / 已采纳 / 已答复 / 未采纳），给出结果时须答复' })
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MoveSuggestionDto,
  ): Promise<SuggestionView> {
    return this.suggestions.move(principal, id, body);
  }

  @Get(':id/images/:imageId')
  @ApiOperation({ summary: '建议的一张图片' })
  async image(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('imageId', ParseUUIDPipe) imageId: string,
  ): Promise<StreamableFile> {
    const image = await this.suggestions.image(principal, id, imageId);
    return new StreamableFile(image.bytes, {
      type: image.contentType,
      disposition: 'inline',
      length: image.bytes.length,
    });
  }
}
