import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { devConfig } from './dev';
import { prodConfig } from './prod';

/** Where the weapp build sends API calls unless `.env*` or the shell sets TARO_APP_API_BASE. */
const DEFAULT_WEAPP_API_BASE = 'http://127.0.0.1:3000';

export default defineConfig<'webpack5'>((merge) => {
  const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'pioneer-miniapp',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // One folder per platform, or the two builds overwrite each other.
    outputRoot: `dist/${platform}`,
    plugins: [],
    // Precedence: the shell, then .env files (Taro merges them over this block), then the default.
    env: {
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE || DEFAULT_WEAPP_API_BASE),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page would carry its own ~70 KB copy of the
        // H5 components; sharing them across page chunks too keeps each page download small.
        const taroSplitChunks = chain.optimization.get('splitChunks') as Record<string, unknown>;
        chain.optimization.splitChunks({ ...taroSplitChunks, chunks: 'all' });
        // React + Taro's H5 runtime alone are ~320 KB; warn when the first load grows well past that.
        chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(300 * 1024);
      },
    },
  };

  return process.env.NODE_ENV === 'development' ? merge({}, baseConfig, devConfig) : merge({}, baseConfig, prodConfig);
});
