export default definePageConfig({ navigationBarTitleText: '学习礼包' });
