export default definePageConfig({ navigationBarTitleText: '权益目录' });
