import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@pioneer/shared';
import { AppException } from '../common/errors/app-exception.js';
import { WechatClient } from '../wechat/wechat.client.js';
import { WxacodesRepository, type BranchToCode, type StoredWxacode } from './wxacodes.repository.js';

/** The mini-program page a branch code opens; it reads the code from `scene`. */
export const WXACODE_PAGE = 'pages/scan/index';
/** Pixels asked of WeChat: about the size of the code's box on the 150 dpi poster, so printing never enlarges it. */
export const WXACODE_WIDTH = 640;

export interface BranchWxacodeImage {
  image: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

interface Attempt {
  code: BranchWxacodeImage;
  /** Whether this attempt had WeChat make the code (not found stored after the lock). */
  made: boolean;
}

/**
 * The WeChat mini-program codes of branches. WeChat draws each code once per
 * branch and key version; after that it comes from `branch_wxacodes`. However
 * many requests (or processes) ask for a code that is not there yet, WeChat is
 * called once: requests in this process share one attempt, and the attempts
 * of different processes queue on an advisory lock and read the first one's
 * row. A failed call stores nothing, so the next request tries again.
 */
@Injectable()
export class WxacodesService {
  /** Codes being made in this process, by branch and version: later askers share the first attempt. */
  private readonly making = new Map<string, Promise<Attempt>>();

  constructor(
    private readonly repo: WxacodesRepository,
    private readonly wechat: WechatClient,
  ) {}

  /** The branch's code for `scene` (signed under `keyVersion`), made now if it never was. */
  async code(branchId: string, keyVersion: number, scene: string): Promise<BranchWxacodeImage> {
    const stored = await this.repo.findCode(branchId, keyVersion);
    if (stored) return imageOf(stored);
    return (await this.made(branchId, keyVersion, scene)).code;
  }

  /** Makes the code unless it is stored; answers whether this call had WeChat make it. */
  async ensure(branchId: string, keyVersion: number, scene: string): Promise<boolean> {
    return (await this.made(branchId, keyVersion, scene)).made;
  }

  countBranchesUnder(path: string): Promise<number> {
    return this.repo.countBranchesUnder(path);
  }

  /** One batch of the branches under `path`, in tree order after `afterPath`, each with whether its code is stored. */
  branchesUnder(path: string, keyVersion: number, afterPath: string | null, limit: number): Promise<BranchToCode[]> {
    return this.repo.findBranchesUnder(path, keyVersion, afterPath, limit);
  }

  private made(branchId: string, keyVersion: number, scene: string): Promise<Attempt> {
    const key = `${branchId}:${keyVersion}`;
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.make(branchId, keyVersion, scene).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    return pending;
  }

  private make(branchId: string, keyVersion: number, scene: string): Promise<Attempt> {
    // The WeChat call runs inside the transaction that holds the lock: a second
    // process waits for this one's row instead of asking WeChat again.
    return this.repo.transaction(async (manager) => {
      await this.repo.lockCodeMaking(manager, branchId, keyVersion);
      const stored = await this.repo.findCode(branchId, keyVersion, manager);
      if (stored) return { code: imageOf(stored), made: false };
      const image = await this.wechat.getUnlimitedCode({ scene, page: WXACODE_PAGE, width: WXACODE_WIDTH });
      const contentType = imageType(image);
      // Posters and phones read PNG and JPEG; anything else is a reply we do not understand.
      if (!contentType) {
        throw new AppException(ErrorCode.WECHAT_UNAVAILABLE, undefined, {
          api: 'getwxacodeunlimit',
          reason: 'bad_response',
          retryable: false,
        });
      }
      await this.repo.insertCode(manager, { branchId, keyVersion, scene, image, contentType });
      return { code: { image, contentType }, made: true };
    });
  }
}

function imageOf(stored: StoredWxacode): BranchWxacodeImage {
  return { image: stored.image, contentType: stored.contentType as BranchWxacodeImage['contentType'] };
}

/** What the bytes are, from their signature: WeChat labels its codes image/jpeg, and the stand-in's are PNG. */
export function imageType(bytes: Buffer): BranchWxacodeImage['contentType'] | null {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
