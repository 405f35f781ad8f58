export default definePageConfig({ navigationBarTitleText: '责任清单', enablePullDownRefresh: true });
