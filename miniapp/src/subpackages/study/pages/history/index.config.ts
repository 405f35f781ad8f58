export default definePageConfig({ navigationBarTitleText: '我的学习记录', enablePullDownRefresh: true });
