import Taro from '@tarojs/taro';
import { openDownloadedFile } from './files';
import { PlatformError } from './platform-error';

const isWeapp = process.env.TARO_ENV === 'weapp';

/**
 * Hands a downloaded poster to the person: on weapp a PNG opens in the image viewer (long-press to
 * save or forward) and a PDF in WeChat's document viewer with its menu; H5 saves it to the downloads.
 */
export async function openDownloadedPoster(filePath: string, fileName: string, format: 'png' | 'pdf'): Promise<void> {
  if (!isWeapp) {
    await openDownloadedFile(filePath, fileName);
    return;
  }
  try {
    if (format === 'png') await Taro.previewImage({ urls: [filePath], current: filePath });
    else await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
  } catch {
    throw new PlatformError('海报已下载，但无法打开，请稍后再试', 'failed');
  }
}
