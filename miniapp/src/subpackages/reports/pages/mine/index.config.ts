export default definePageConfig({ navigationBarTitleText: '我的汇报', enablePullDownRefresh: true });
