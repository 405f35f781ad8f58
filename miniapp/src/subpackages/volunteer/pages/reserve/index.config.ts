export default definePageConfig({ navigationBarTitleText: '雁归人才库', enablePullDownRefresh: true });
