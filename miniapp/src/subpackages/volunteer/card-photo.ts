import Taro from '@tarojs/taro';
import { CARD_PHOTO_MAX_BYTES, type CardPhotoUpload } from '@pioneer/shared';
import { PlatformError } from '../../platform';
import { pickPhotos } from '../../platform/images';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** The image type by its first bytes (the server checks them too): JPEG `/9j/`, PNG `iVBOR`. */
export function photoTypeOf(dataBase64: string): CardPhotoUpload['contentType'] | null {
  if (dataBase64.startsWith('/9j/')) return 'image/jpeg';
  if (dataBase64.startsWith('iVBOR')) return 'image/png';
  return null;
}

function readOnWeapp(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      encoding: 'base64',
      success: (res) => (typeof res.data === 'string' ? resolve(res.data) : reject(new Error('not base64'))),
      fail: reject,
    });
  });
}

/** H5: the picked photo is a blob: URL. */
async function readInBrowser(path: string): Promise<string> {
  const blob = await (await fetch(path)).blob();
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === 'string' ? resolve(reader.result) : reject(new Error('not a data URL'));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

/**
 * One photo for a skill card, from the album or the camera, as the API takes it; null when the
 * person cancelled. The API carries it as base64 because an <Image> cannot send the token.
 */
export async function pickCardPhoto(): Promise<CardPhotoUpload | null> {
  const [file] = await pickPhotos(1);
  if (!file) return null;
  if (file.size > CARD_PHOTO_MAX_BYTES) {
    throw new PlatformError('照片太大（超过 512KB），请换一张或截图后再选', 'failed');
  }
  let dataBase64: string;
  try {
    dataBase64 = isWeapp ? await readOnWeapp(file.path) : await readInBrowser(file.path);
  } catch {
    throw new PlatformError('照片没有读出来，请再选一次', 'failed');
  }
  const contentType = photoTypeOf(dataBase64);
  if (!contentType) throw new PlatformError('只能上传 JPG 或 PNG 照片', 'failed');
  return { contentType, dataBase64 };
}
