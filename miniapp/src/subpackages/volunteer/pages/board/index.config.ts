export default definePageConfig({ navigationBarTitleText: '社区志愿板', enablePullDownRefresh: true });
