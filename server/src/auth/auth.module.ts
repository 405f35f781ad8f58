import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Session } from './session.entity.js';
import { SessionsRepository } from './sessions.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([Session]), AccountsModule, WechatModule, AuditModule],
  controllers: [AuthController],
  providers: [AuthService, SessionsRepository, PasswordHasher],
  exports: [AuthService, PasswordHasher],
})
export class AuthModule {}
