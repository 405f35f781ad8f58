export { capabilities } from './capabilities';
export { getLocation, getLocationIfAllowed, type DeviceLocation } from './location';
export { showToast } from './feedback';
export { navigate } from './navigate';
export { onAppForeground, onNetworkRestored } from './network';
export { PlatformError } from './platform-error';
export { scanCode, type ScanOutcome } from './scan';
export { storage } from './storage';
export { wechatLoginCode } from './login';
