export default definePageConfig({ navigationBarTitleText: '签名密钥' });
