import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Account } from './account.entity.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';
import { RoleGrant } from './role-grant.entity.js';
import { StaffCredential } from './staff-credential.entity.js';
import { WechatIdentity } from './wechat-identity.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Account, RoleGrant, StaffCredential, WechatIdentity])],
  providers: [AccountsRepository, AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
