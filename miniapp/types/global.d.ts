/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built; replaced with a constant at build time. */
    TARO_ENV: 'weapp' | 'h5';
    /** The API origin for the weapp build (see config/index.ts); unused on H5. */
    TARO_APP_API_BASE?: string;
  }
}
