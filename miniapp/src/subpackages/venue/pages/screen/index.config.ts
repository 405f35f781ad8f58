export default definePageConfig({ navigationBarTitleText: '签到大屏' });
