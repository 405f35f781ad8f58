export * from './errors.js';
export * from './http.js';
export * from './health.js';
export * from './auth.js';
export * from './masking.js';
export * from './meta.js';
