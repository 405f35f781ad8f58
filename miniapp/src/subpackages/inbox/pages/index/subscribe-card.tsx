import { Text, View } from '@tarojs/components';
import { SUBSCRIPTION_TEMPLATES_PER_REQUEST, type SubscriptionResult, type SubscriptionsView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { capabilities, requestSubscribe, showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { fetchSubscriptions, reportSubscriptions } from '../../../../services/subscriptions';

function outcomeMessage(results: Record<string, SubscriptionResult>): { text: string; success: boolean } {
  const answers = Object.values(results);
  if (answers.includes('accept')) return { text: '已开启，有新消息时微信会提醒您', success: true };
  if (answers.includes('ban')) {
    return { text: '您在微信中关闭了这类提醒，可在右上角“…”→“设置”中打开', success: false };
  }
  return { text: '您没有允许，微信不会提醒您', success: false };
}

/**
 * 接收微信提醒: asks WeChat's "allow these messages" dialog for the templates
 * the server uses, and shows how many reminders are left (each allow is good
 * for one). Only in the WeChat mini-program, and only when the server sends
 * such messages; otherwise, or if the counts cannot be loaded, it shows nothing:
 * the inbox works without it.
 */
export function SubscribeCard() {
  const [view, setView] = useState<SubscriptionsView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!capabilities.subscribeMessage) return;
    let live = true;
    fetchSubscriptions().then(
      (loaded) => {
        if (live) setView(loaded);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  if (!capabilities.subscribeMessage || !view || view.templates.length === 0) return null;
  const templates = view.templates.slice(0, SUBSCRIPTION_TEMPLATES_PER_REQUEST);

  const ask = () => {
    setBusy(true);
    // Called straight from the tap, before anything is awaited: WeChat shows its dialog only then.
    requestSubscribe(templates.map((t) => t.templateId))
      .then(async (results) => {
        if (Object.keys(results).length === 0) return;
        setView(await reportSubscriptions(results));
        const { text, success } = outcomeMessage(results);
        showToast(text, success ? 'success' : 'info');
      })
      .catch((error: unknown) => showToast(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="subscribe-card">
      <Text className="subtitle">接收微信提醒</Text>
      <Text className="hint">有新的待办或通知时，微信会提醒您。微信规定每次允许只能提醒一次，用完可再开启。</Text>
      {templates.map((t) => (
        <Text className="text subscribe-card__credits" id={`subscribe-card-${t.purpose}`} key={t.templateId}>
          {`${t.label}：还可接收 ${t.credits} 条提醒`}
        </Text>
      ))}
      <BigButton id="subscribe-card-allow" busy={busy} busyText="正在开启…" onClick={ask}>
        接收微信提醒
      </BigButton>
    </View>
  );
}
