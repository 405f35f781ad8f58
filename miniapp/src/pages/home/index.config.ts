export default definePageConfig({ navigationBarTitleText: '流动先锋' });
