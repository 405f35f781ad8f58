export default definePageConfig({ navigationBarTitleText: '雁归' });
