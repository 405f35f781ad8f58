// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  // `hot: false` matches config/dev.ts: no React Fast Refresh, so no react-refresh package.
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', hot: false }]],
};
