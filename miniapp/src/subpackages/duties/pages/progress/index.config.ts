export default definePageConfig({ navigationBarTitleText: '责任清单进度', enablePullDownRefresh: true });
