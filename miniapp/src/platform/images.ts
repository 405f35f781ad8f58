import Taro from '@tarojs/taro';
import { SUGGESTION_IMAGE_MAX_BYTES } from '@pioneer/shared';
import type { PickedFile } from './files';
import { PlatformError, isCancel, isFailure } from './platform-error';

/**
 * Up to `count` photos from the album or the camera, compressed by the phone. Photos over the
 * server's limit are refused here with a plain message rather than after a slow upload.
 */
export async function pickPhotos(count: number): Promise<PickedFile[]> {
  let res: Taro.chooseImage.SuccessCallbackResult;
  try {
    res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch (error) {
    if (isCancel(error)) return [];
    throw new PlatformError('没有选到图片，请再试一次', 'failed');
  }
  if (isCancel(res)) return [];
  if (isFailure(res)) throw new PlatformError('没有选到图片，请再试一次', 'failed');
  const files = (res.tempFiles ?? []).map((f, i) => ({
    name: `photo-${i + 1}.jpg`,
    size: f.size,
    path: f.path,
  }));
  if (files.some((f) => f.size > SUGGESTION_IMAGE_MAX_BYTES)) {
    throw new PlatformError('有的图片太大（超过 1MB），请换一张或截图后再选', 'failed');
  }
  return files.slice(0, count);
}
