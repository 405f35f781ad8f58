import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { REPORT_REPLY_MAX } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { errorMessage } from '../../../../services/http';
import { readReport, replyToReport } from '../../../../services/reports';
import { reportTitle, shortDay, statusText } from '../../report-text';
import '../../reports.css';

/** 阅读汇报: opening it marks it read (and is recorded); one reply goes back to the member. */
export default function ReadReportPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const report = useLoader(() => readReport(id), id);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!session || report.state.status === 'loading') return <LoadingView />;
  if (report.state.status === 'failed') {
    return <ErrorView id="read-error" message={report.state.message} onRetry={report.reload} />;
  }
  const r = report.state.data;

  const send = () => {
    if (busy || !reply.trim()) return;
    setBusy(true);
    setProblem(null);
    replyToReport(r.id, reply.trim())
      .then(report.setData)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="page">
      <View className="card" id="read-report">
        <Text className="title">{reportTitle(r.kind, r.period)}</Text>
        <Text className="hint">{`${r.memberName} · ${r.branchName} · ${shortDay(r.submittedAt)}提交`}</Text>
        <Text className="status-badge" id="read-status">
          {statusText(r.status)}
        </Text>
        <View className="section">
          <Text className="reports-body" id="read-body">
            {r.body}
          </Text>
        </View>
      </View>
      {r.reply ? (
        <View className="card reports-reply" id="read-reply">
          <Text className="subtitle">已回复</Text>
          <Text className="reports-body">{r.reply}</Text>
        </View>
      ) : (
        <View className="card" id="read-reply-form">
          <Text className="subtitle">回复党员</Text>
          <Textarea
            id="read-reply-text"
            className="reports-textarea reports-textarea--short"
            maxlength={REPORT_REPLY_MAX}
            placeholder="如：汇报收悉，望继续发挥先锋作用。"
            value={reply}
            onInput={(event) => setReply(event.detail.value)}
          />
          {problem ? (
            <Text className="error-text" id="read-problem">
              {problem}
            </Text>
          ) : null}
          <BigButton id="read-reply-send" busy={busy} busyText="正在发送…" disabled={!reply.trim()} onClick={send}>
            发送回复
          </BigButton>
        </View>
      )}
    </View>
  );
}
