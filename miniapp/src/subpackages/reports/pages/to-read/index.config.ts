export default definePageConfig({ navigationBarTitleText: '党员汇报' });
