export default definePageConfig({ navigationBarTitleText: '我的技能卡' });
