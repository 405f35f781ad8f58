import { ApiProperty } from '@nestjs/swagger';
import type {
  ChangePasswordRequest,
  RefreshRequest,
  StaffLoginRequest,
  WechatLoginRequest,
  WechatPhoneRequest,
} from '@pioneer/shared';
import { IsString, Length, Matches } from 'class-validator';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'wx.login 返回的一次性 code' })
  @IsString()
  @Length(1, 128)
  code: string;
}

export class WechatPhoneDto implements WechatPhoneRequest {
  @ApiProperty({ description: 'getPhoneNumber 按钮返回的一次性 code' })
  @IsString()
  @Length(1, 128)
  code: string;
}

export class StaffLoginDto implements StaffLoginRequest {
  @ApiProperty({ example: 'shuji' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  password: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty()
  @IsString()
  @Matches(/^pr_[A-Za-z0-9_-]{43}$/, { message: 'refreshToken is not a refresh token' })
  refreshToken: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  currentPassword: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 256)
  newPassword: string;
}
