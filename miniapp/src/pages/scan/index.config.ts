export default definePageConfig({ navigationBarTitleText: '扫码报到签到' });
