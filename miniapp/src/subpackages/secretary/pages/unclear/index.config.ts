export default definePageConfig({ navigationBarTitleText: '四清不清名单' });
