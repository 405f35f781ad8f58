export default definePageConfig({ navigationBarTitleText: '返乡党员' });
