export default definePageConfig({ navigationBarTitleText: '学习礼包编发', enablePullDownRefresh: true });
