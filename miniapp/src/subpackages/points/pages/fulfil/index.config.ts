export default definePageConfig({ navigationBarTitleText: '权益核销' });
