export default definePageConfig({ navigationBarTitleText: '疑似失联党员' });
