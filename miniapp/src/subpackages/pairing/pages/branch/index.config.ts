export default definePageConfig({ navigationBarTitleText: '结对联系安排' });
