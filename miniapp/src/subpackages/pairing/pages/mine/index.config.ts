export default definePageConfig({ navigationBarTitleText: '我的结对党员', enablePullDownRefresh: true });
