const isWeapp = process.env.TARO_ENV === 'weapp';

/** What this build can do; H5 has no camera scanning, no WeChat login and no WeChat subscribe messages. */
export const capabilities = {
  cameraScan: isWeapp,
  wechatLogin: isWeapp,
  subscribeMessage: isWeapp,
} as const;
