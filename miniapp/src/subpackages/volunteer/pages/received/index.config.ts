export default definePageConfig({ navigationBarTitleText: '为我服务的记录', enablePullDownRefresh: true });
