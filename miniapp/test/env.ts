// Taro's build replaces these; tests run as the H5 build does.
process.env.TARO_ENV = 'h5';
process.env.TARO_APP_API_BASE = 'http://api.test';
