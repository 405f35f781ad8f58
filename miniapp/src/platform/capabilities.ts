const isWeapp = process.env.TARO_ENV === 'weapp';

/** What this build can do; H5 has no camera scanning and no WeChat login. */
export const capabilities = {
  cameraScan: isWeapp,
  wechatLogin: isWeapp,
} as const;
