export default definePageConfig({ navigationBarTitleText: '积分审核', enablePullDownRefresh: true });
