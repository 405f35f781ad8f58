export default definePageConfig({ navigationBarTitleText: '自主选学计划' });
