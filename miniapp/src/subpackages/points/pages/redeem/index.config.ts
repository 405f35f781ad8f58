export default definePageConfig({ navigationBarTitleText: '兑换权益', enablePullDownRefresh: true });
