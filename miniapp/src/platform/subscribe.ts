import Taro from '@tarojs/taro';
import type { SubscriptionResult } from '@pioneer/shared';
import { capabilities } from './capabilities';
import { PlatformError, errMsgOf, isFailure } from './platform-error';

/** WeChat's answers, with the newer kinds of "allow" (with sound, with a banner …) counted as allow. */
function resultOf(answer: unknown): SubscriptionResult | null {
  if (typeof answer !== 'string') return null;
  if (answer.startsWith('accept')) return 'accept';
  return answer === 'reject' || answer === 'ban' || answer === 'filter' ? answer : null;
}

function failureMessage(error: unknown): string {
  const errCode = (error as { errCode?: unknown } | null)?.errCode;
  // 20004: the person switched off subscribe messages for this mini-program in WeChat's settings.
  if (errCode === 20004) return '您在微信中关闭了本小程序的消息提醒，请在右上角“…”→“设置”中打开';
  if (/TAP gesture/i.test(errMsgOf(error))) return '请点按“接收微信提醒”按钮开启提醒';
  return '开启微信提醒没有成功，请稍后再试';
}

/**
 * Asks WeChat to show its "allow these messages" dialog (订阅消息) for the
 * given templates and answers what the person chose for each. WeChat only
 * shows the dialog when this runs straight from a tap. Only the weapp build
 * can do this: H5 reports it unsupported.
 */
export async function requestSubscribe(templateIds: string[]): Promise<Record<string, SubscriptionResult>> {
  if (!capabilities.subscribeMessage) {
    throw new PlatformError('当前环境不支持微信提醒，请在微信小程序中开启', 'unsupported');
  }
  let res: Record<string, unknown>;
  try {
    // Taro's option type also demands Alipay's entityIds; WeChat takes tmplIds alone.
    res = (await Taro.requestSubscribeMessage({
      tmplIds: templateIds,
    } as Taro.requestSubscribeMessage.Option)) as Record<string, unknown>;
  } catch (error) {
    throw new PlatformError(failureMessage(error), 'failed');
  }
  // Some builds resolve with a failure instead of rejecting.
  if (isFailure(res)) throw new PlatformError(failureMessage(res), 'failed');
  const results: Record<string, SubscriptionResult> = {};
  for (const id of templateIds) {
    const result = resultOf(res[id]);
    if (result) results[id] = result;
  }
  return results;
}
