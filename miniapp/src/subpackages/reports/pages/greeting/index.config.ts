export default definePageConfig({ navigationBarTitleText: '节日问候' });
