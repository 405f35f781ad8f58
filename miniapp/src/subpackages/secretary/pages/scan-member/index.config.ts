export default definePageConfig({ navigationBarTitleText: '扫党员码' });
