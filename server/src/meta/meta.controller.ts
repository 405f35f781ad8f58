import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MetaView } from '@pioneer/shared';
import { Public } from '../common/auth/decorators.js';
import { AppConfig } from '../config/app-config.js';
import { DEMO_MEMBERS } from './demo-members.js';
import { APP_VERSION } from './version.js';

@ApiTags('meta')
@Controller('meta')
export class MetaController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '客户端启动时读取的公开配置' })
  get(): MetaView {
    return {
      appName: '流动先锋',
      version: APP_VERSION,
      devLogin: this.config.devLogin
        ? { standInUrl: this.config.devLogin.standInUrl, demoMembers: DEMO_MEMBERS.map((m) => ({ ...m })) }
        : null,
    };
  }
}
