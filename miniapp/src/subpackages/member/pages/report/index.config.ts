export default definePageConfig({ navigationBarTitleText: '报告外出' });
