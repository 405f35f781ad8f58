import type { InboxCategory, SubscriptionPurpose } from '@pioneer/shared';

/** WeChat's template data: `{ thing1: { value: '…' }, time3: { value: '…' } }`. */
export type TemplateData = Record<string, { value: string }>;

/** WeChat refuses a `thing` value over 20 characters (47003), so longer text is cut to fit. */
export const THING_MAX_CHARS = 20;

/** The page a subscribe message opens: the inbox, where the item waits. */
export const INBOX_PAGE = 'subpackages/inbox/pages/index/index';

/** Retries never wait longer than this, however many came before. */
export const RETRY_DELAY_CAP_MS = 60 * 60 * 1000;

/** China has one time zone and no daylight saving. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Which template an inbox item goes out with: to-dos wait for someone, notices only tell. */
export function purposeOf(category: InboxCategory): SubscriptionPurpose {
  return category === 'todo' ? 'flow_todo' : 'flow_notice';
}

/**
 * Belt and braces: no run of seven or more digits (a phone, an ID number, a
 * landline) ever leaves for WeChat, whatever text reaches this point.
 */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d{7,}[\dXx]?/g, (run) => '*'.repeat(Math.min(run.length, 4)));
}

/** A `thing` value: at most 20 characters (counted as people see them, not bytes), the cut marked with …. */
export function thingValue(text: string, max = THING_MAX_CHARS): string {
  const chars = [...maskDigitRuns(text.replace(/\s+/g, ' ').trim())];
  if (chars.length === 0) return '无';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A `time` value as WeChat shows it: `2025年3月5日 10:05`, Beijing time. */
export function timeValue(at: Date): string {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
}

export interface FlowMessageFacts {
  category: InboxCategory;
  /** The inbox item's title: fixed text such as 流动党员报到待确认, never a name. */
  title: string;
  /** The branch the item is addressed to; null for an item addressed to the member. */
  orgName: string | null;
  at: Date;
}

/**
 * The data of a flow message. Both templates carry 事项 (thing1), 接收方
 * (thing2), 时间 (time3) and 备注 (thing4). Deliberately minimal: the title
 * and the addressed branch, never the body of the inbox item (it names the
 * member), an ID number or a phone; the details wait in the inbox.
 */
export function flowMessageData(facts: FlowMessageFacts): TemplateData {
  return {
    thing1: { value: thingValue(facts.title) },
    thing2: { value: thingValue(facts.orgName ?? '本人') },
    time3: { value: timeValue(facts.at) },
    thing4: { value: facts.category === 'todo' ? '请打开小程序处理' : '请打开小程序查看' },
  };
}

/** WechatClient takes the values by key and wraps each as `{ value }` again. */
export function templateValues(data: TemplateData): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([key, field]) => [key, field.value]));
}

/**
 * How long to wait before attempt `failedAttempts + 1`: the base after the
 * first failure, then twice as long each time, never beyond an hour.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, capMs = RETRY_DELAY_CAP_MS): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(capMs, baseMs * 2 ** Math.min(exponent, 30));
}
