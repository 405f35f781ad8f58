export default definePageConfig({ navigationBarTitleText: '志愿者技能卡' });
