export default definePageConfig({ navigationBarTitleText: '我发出的请求', enablePullDownRefresh: true });
