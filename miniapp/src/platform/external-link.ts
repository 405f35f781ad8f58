import Taro from '@tarojs/taro';
import { isFailure } from './platform-error';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** What became of a link: opened in a viewer or browser tab, or copied for the person to paste. */
export type LinkOutcome = 'opened' | 'copied';

async function copyLink(url: string): Promise<LinkOutcome> {
  await Taro.setClipboardData({ data: url });
  return 'copied';
}

/**
 * Opens a video or PDF link kept outside the app. H5: a new browser tab. weapp: a PDF is downloaded
 * and shown in WeChat's document viewer when its host is allowed; anything else (a video site, a host
 * outside the download list) is copied for the person to open in the phone's browser.
 */
export async function openExternalLink(url: string, kind: 'video' | 'pdf'): Promise<LinkOutcome> {
  if (!isWeapp) {
    if (typeof window === 'undefined') return copyLink(url);
    // Not the `noopener` feature: with it, window.open answers null even when the tab opened.
    const tab = window.open(url, '_blank');
    if (tab) {
      tab.opener = null;
      return 'opened';
    }
    // A blocked pop-up: go there in this tab instead.
    window.location.href = url;
    return 'opened';
  }
  if (kind === 'pdf') {
    try {
      const file = await Taro.downloadFile({ url });
      if (isFailure(file) || file.statusCode < 200 || file.statusCode >= 300) throw new Error('download failed');
      await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true });
      return 'opened';
    } catch {
      return copyLink(url);
    }
  }
  return copyLink(url);
}
