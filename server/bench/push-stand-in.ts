import { isWechatError } from '../src/wechat/stand-in/stand-in-wechat.state.js';
import { startStandInWechat } from '../src/wechat/stand-in/stand-in-wechat.server.js';

/**
 * The stand-in WeChat server for `pnpm bench:push`, in a process of its own
 * (as WeChat is): started by push.bench.ts with fork(), it grants one
 * subscription for the study template to `<prefix>1` … `<prefix><count>` and
 * counts what reaches the send API, including any second message to a person.
 * Asked `stats`, it answers its counts; asked `mark`, it also starts a new
 * window (accepted, first and last since the mark).
 *
 * argv: appId appSecret templateId openidPrefix count
 */

export interface PushStandInStats {
  /** Calls that reached /cgi-bin/message/subscribe/send. */
  requests: number;
  /** Messages WeChat would have delivered. */
  accepted: number;
  /** Calls for a person who had already received a message, whatever the answer. */
  duplicates: number;
  /** Refusals by errcode (43101: no subscription left). */
  errors: Record<string, number>;
  /** ms since the epoch of the first and the last accepted message. */
  firstAt: number | null;
  lastAt: number | null;
  /** The same since the last `mark`: messages accepted, first and last. */
  window: { accepted: number; firstAt: number | null; lastAt: number | null };
}

export type PushStandInMessage =
  { type: 'ready'; url: string; granted: number } | { type: 'stats'; stats: PushStandInStats };

const [appId, appSecret, templateId, prefix, countText] = process.argv.slice(2);
const count = Number(countText);

const standIn = await startStandInWechat({
  port: 0,
  appId,
  appSecret,
  maxSubscriptions: count + 1_000,
});
for (let i = 1; i <= count; i += 1) standIn.state.grantSubscription(`${prefix}${i}`, templateId, 1);

const stats: PushStandInStats = {
  requests: 0,
  accepted: 0,
  duplicates: 0,
  errors: {},
  firstAt: null,
  lastAt: null,
  window: { accepted: 0, firstAt: null, lastAt: null },
};
const reached = new Set<string>();
const send = standIn.state.sendSubscribeMessage.bind(standIn.state);
standIn.state.sendSubscribeMessage = (body) => {
  stats.requests += 1;
  const to = typeof body.touser === 'string' ? body.touser : '';
  if (reached.has(to)) stats.duplicates += 1;
  const answer = send(body);
  if (isWechatError(answer)) {
    stats.errors[answer.errcode] = (stats.errors[answer.errcode] ?? 0) + 1;
  } else {
    reached.add(to);
    stats.accepted += 1;
    stats.window.accepted += 1;
    const at = Date.now();
    stats.firstAt ??= at;
    stats.lastAt = at;
    stats.window.firstAt ??= at;
    stats.window.lastAt = at;
  }
  return answer;
};

const reply = (message: PushStandInMessage) => process.send?.(message);
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats') reply({ type: 'stats', stats });
  if (message.type === 'mark') {
    stats.window = { accepted: 0, firstAt: null, lastAt: null };
    reply({ type: 'stats', stats });
  }
  if (message.type === 'close') {
    void standIn.close().finally(() => process.exit(0));
  }
});
// Never outlive the benchmark.
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', url: standIn.url, granted: count });
