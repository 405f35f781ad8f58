export default definePageConfig({ navigationBarTitleText: '填写表现反馈' });
