export default definePageConfig({ navigationBarTitleText: '学习礼包', enablePullDownRefresh: true });
