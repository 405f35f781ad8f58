import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../components/big-button';
import { formatDateTime } from '../../components/format';
import { errorMessage } from '../../services/http';
import { checkinQueue, type FailedSubmission, type QueuedSubmission } from '../../services/checkin-queue';

const KIND_LABELS = { checkin: '签到', arrival: '报到' } as const;

/** 待提交 N 条 and 未能提交: what the phone still holds, and what the server turned down. */
export function QueueNotice({ pending, failed }: { pending: QueuedSubmission[]; failed: FailedSubmission[] }) {
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (pending.length === 0 && failed.length === 0) return null;

  const sendNow = () => {
    setSending(true);
    setProblem(null);
    checkinQueue
      .flush()
      .then((report) => {
        if (report.remaining > 0) setProblem('网络还没有恢复，联网后会自动提交');
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setSending(false));
  };

  return (
    <View className="card" id="scan-queue">
      {pending.length > 0 ? (
        <View id="scan-queue-pending">
          <Text className="subtitle" id="scan-queue-count">{`待提交 ${pending.length} 条`}</Text>
          <Text className="hint">没有网络时的扫码已保存在手机上，联网后会自动提交，不会重复。</Text>
          {pending.map((item) => (
            <Text className="text" key={item.clientId}>
              {`${KIND_LABELS[item.kind]} · ${item.label} · ${formatDateTime(item.scannedAt)}`}
            </Text>
          ))}
          {problem ? <Text className="error-text">{problem}</Text> : null}
          <BigButton id="scan-queue-send" kind="secondary" busy={sending} busyText="正在提交…" onClick={sendNow}>
            立即提交
          </BigButton>
        </View>
      ) : null}
      {failed.length > 0 ? (
        <View id="scan-queue-failed" className={pending.length > 0 ? 'section' : undefined}>
          <Text className="subtitle">未能提交</Text>
          {failed.map((item) => (
            <View key={item.clientId} className="section">
              <Text className="text">{`${KIND_LABELS[item.kind]} · ${item.label} · ${formatDateTime(item.scannedAt)}`}</Text>
              <Text className="error-text">{item.message}</Text>
            </View>
          ))}
          <BigButton id="scan-queue-dismiss" kind="plain" onClick={checkinQueue.dismissFailed}>
            知道了
          </BigButton>
        </View>
      ) : null}
    </View>
  );
}
