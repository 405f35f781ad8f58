export default definePageConfig({ navigationBarTitleText: '我的民主评议' });
