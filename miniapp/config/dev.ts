import type { UserConfigExport } from '@tarojs/cli';

export const devConfig: UserConfigExport<'webpack5'> = {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `taro build --type h5 --watch` serves the app itself; send API calls to a local server.
    devServer: {
      // Full page reloads instead of React Fast Refresh, which would need two more packages.
      hot: false,
      proxy: [{ context: ['/api'], target: 'http://127.0.0.1:3000', changeOrigin: false }],
    },
  },
};
