export default definePageConfig({ navigationBarTitleText: '本支部先锋码' });
