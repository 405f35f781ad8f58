export default definePageConfig({ navigationBarTitleText: '收到的请求', enablePullDownRefresh: true });
