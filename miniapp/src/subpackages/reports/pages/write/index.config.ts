export default definePageConfig({ navigationBarTitleText: '写汇报' });
