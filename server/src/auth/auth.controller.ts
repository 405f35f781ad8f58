import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountView, SessionView, WechatPhoneView } from '@pioneer/shared';
import type { Request } from 'express';
import { AuthRateLimited, CurrentPrincipal, NoIdempotency, Public } from '../common/auth/decorators.js';
import type { Principal } from '../common/auth/principal.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { AuthService, type ClientInfo } from './auth.service.js';
import { ChangePasswordDto, RefreshDto, StaffLoginDto, WechatLoginDto, WechatPhoneDto } from './dto/auth.dto.js';

function clientOf(req: Request): ClientInfo {
  return { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountsService,
  ) {}

  @Post('wechat/login')
  @NoIdempotency()
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '党员微信登录：wx.login 的 code 换取本系统会话' })
  wechatLogin(@Body() body: WechatLoginDto, @Req() req: Request): Promise<SessionView> {
    return this.auth.loginWithWechat(body.code, clientOf(req));
  }

  @Post('staff/login')
  @NoIdempotency()
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员用户名密码登录（连续 5 次错误锁定 15 分钟）' })
  staffLogin(@Body() body: StaffLoginDto, @Req() req: Request): Promise<SessionView> {
    return this.auth.loginStaff(body.username, body.password, clientOf(req));
  }

  @Post('refresh')
  @NoIdempotency()
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ summary: '用刷新令牌换取新的会话（旧令牌随即失效）' })
  refresh(@Body() body: RefreshDto): Promise<SessionView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录' })
  logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.auth.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: '当前账号' })
  me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    return this.accounts.getView(principal.accountId);
  }

  @Post('staff/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '工作人员修改密码（其他设备随即退出）' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(principal, body.currentPassword, body.newPassword);
  }

  @Post('wechat/phone')
  @HttpCode(200)
  @ApiBearerAuth()
  @AuthRateLimited()
  @ApiOperation({ summary: '用 getPhoneNumber 的 code 确认手机号（只返回打码后的号码）' })
  wechatPhone(@CurrentPrincipal() principal: Principal, @Body() body: WechatPhoneDto): Promise<WechatPhoneView> {
    return this.auth.confirmWechatPhone(principal, body.code);
  }
}
