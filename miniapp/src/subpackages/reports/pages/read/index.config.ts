export default definePageConfig({ navigationBarTitleText: '阅读汇报' });
