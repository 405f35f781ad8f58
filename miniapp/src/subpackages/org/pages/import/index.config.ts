export default definePageConfig({ navigationBarTitleText: '导入党员名册' });
