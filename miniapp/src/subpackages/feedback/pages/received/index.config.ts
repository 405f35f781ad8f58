export default definePageConfig({ navigationBarTitleText: '收到的表现反馈', enablePullDownRefresh: true });
