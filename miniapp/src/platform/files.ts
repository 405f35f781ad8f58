import Taro from '@tarojs/taro';
import { PlatformError, isCancel, isFailure } from './platform-error';

const isWeapp = process.env.TARO_ENV === 'weapp';

/** A file the person picked: a temporary path on weapp, an object URL of the chosen File on H5. */
export interface PickedFile {
  name: string;
  /** Bytes. */
  size: number;
  path: string;
}

/** What one HTTP exchange of an upload or a download ended with; `data` is parsed JSON when it can be. */
export interface FileTransferResponse {
  statusCode: number;
  data: unknown;
  /** Downloads only, on success: where the body was saved. */
  filePath?: string;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * weapp: one .xlsx file from a WeChat chat (a mini-program cannot browse the phone's files).
 * H5 uses the <input type="file"> in SpreadsheetPicker instead.
 */
export async function chooseSpreadsheetFromChat(): Promise<PickedFile | null> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
  } catch (error) {
    if (isCancel(error)) return null;
    throw new PlatformError('没有选到文件，请再试一次', 'failed');
  }
  if (isCancel(res)) return null;
  const file = res.tempFiles?.[0];
  if (isFailure(res) || !file) throw new PlatformError('没有选到文件，请再试一次', 'failed');
  return { name: file.name, size: file.size, path: file.path };
}

/** H5: turns the File from an <input type="file"> into something uploadFile can send. */
export function pickedFromBrowserFile(file: File): PickedFile {
  return { name: file.name, size: file.size, path: URL.createObjectURL(file) };
}

/** Sends one file as multipart/form-data. Rejects only when no answer arrived. */
export async function uploadFile(options: {
  url: string;
  file: PickedFile;
  fieldName: string;
  header: Record<string, string>;
  timeoutMs: number;
}): Promise<FileTransferResponse> {
  const res = await Taro.uploadFile({
    url: options.url,
    filePath: options.file.path,
    name: options.fieldName,
    header: options.header,
    timeout: options.timeoutMs,
    // H5 only: the name the server sees (weapp sends the temp file's own name).
    fileName: options.file.name,
  });
  return { statusCode: res.statusCode, data: parseJson(res.data) };
}

async function readText(path: string): Promise<string> {
  if (isWeapp) {
    return Taro.getFileSystemManager().readFileSync(path, 'utf8') as string;
  }
  const response = await fetch(path);
  return response.text();
}

/** Downloads to a temporary file. A refusal's body is read back as the error envelope. */
export async function downloadFile(options: {
  url: string;
  header: Record<string, string>;
  timeoutMs: number;
}): Promise<FileTransferResponse> {
  const res = await Taro.downloadFile({ url: options.url, header: options.header, timeout: options.timeoutMs });
  if (res.statusCode >= 200 && res.statusCode < 300) {
    return { statusCode: res.statusCode, data: null, filePath: res.tempFilePath };
  }
  let data: unknown = null;
  try {
    data = parseJson(await readText(res.tempFilePath));
  } catch {
    // No readable body: the status alone decides the message.
  }
  return { statusCode: res.statusCode, data };
}

/**
 * Hands a downloaded spreadsheet to the person: weapp opens it in WeChat's viewer, whose menu can
 * forward or save it; H5 saves it to the browser's downloads under `fileName`.
 */
export async function openDownloadedFile(filePath: string, fileName: string): Promise<void> {
  if (isWeapp) {
    try {
      await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    } catch {
      throw new PlatformError('文件已下载，但无法打开，请稍后再试', 'failed');
    }
    return;
  }
  const link = document.createElement('a');
  link.href = filePath;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Let the browser start the download before the object URL goes.
  setTimeout(() => {
    try {
      URL.revokeObjectURL(filePath);
    } catch {
      // Some webviews lack it; the URL goes with the page.
    }
  }, 60_000);
}
