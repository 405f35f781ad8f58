export default definePageConfig({ navigationBarTitleText: '表现反馈', enablePullDownRefresh: true });
