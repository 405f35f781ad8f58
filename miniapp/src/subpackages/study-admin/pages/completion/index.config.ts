export default definePageConfig({ navigationBarTitleText: '学习完成情况', enablePullDownRefresh: true });
