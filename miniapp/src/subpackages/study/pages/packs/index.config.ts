export default definePageConfig({ navigationBarTitleText: '往期学习礼包', enablePullDownRefresh: true });
