import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { REPORT_BODY_MAX, type MyReportView, type ReportKind } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import {
  fetchDueReports,
  fetchMonthlyFacts,
  fetchMyReport,
  newClientKey,
  saveReportDraft,
  submitReport,
} from '../../../../services/reports';
import { monthlyDraft, reportTitle, shortDay, statusText } from '../../report-text';
import '../../reports.css';

interface Target {
  kind: ReportKind;
  period: string;
  report: MyReportView | null;
}

/** The report for ?id=, or the one for ?kind=&period= (its draft when one was saved). */
async function loadTarget(params: Record<string, string | undefined>): Promise<Target> {
  if (params.id) {
    const report = await fetchMyReport(params.id);
    return { kind: report.kind, period: report.period, report };
  }
  const kind = params.kind === 'thought' ? 'thought' : 'monthly';
  const period = params.period ?? '';
  const due = await fetchDueReports();
  const existing = due.items.find((i) => i.kind === kind && i.period === period && i.reportId);
  return { kind, period, report: existing?.reportId ? await fetchMyReport(existing.reportId) : null };
}

function SentReport({ report }: { report: MyReportView }) {
  return (
    <View className="page">
      <View className="card" id="report-sent">
        <Text className="title">{reportTitle(report.kind, report.period)}</Text>
        <Text className="status-badge" id="report-status">
          {statusText(report.status)}
        </Text>
        {report.submittedAt ? <Text className="hint">{`${shortDay(report.submittedAt)}提交`}</Text> : null}
        <View className="section">
          <Text className="reports-body" id="report-body">
            {report.body}
          </Text>
        </View>
        {report.reply ? (
          <View className="reports-reply" id="report-reply">
            <Text className="subtitle">书记回复</Text>
            <Text className="reports-body">{report.reply}</Text>
          </View>
        ) : (
          <Text className="hint section">支部书记阅读并回复后，会在“消息”里通知您。</Text>
        )}
      </View>
    </View>
  );
}

/** 写汇报: write, keep a draft, and send it to the home branch once. */
export default function WriteReportPage() {
  const session = useRequiredSession();
  const params = useRouter().params;
  const target = useLoader(() => loadTarget(params), JSON.stringify(params));
  const [body, setBody] = useState<string | null>(null);
  const [clientKey] = useState(newClientKey);
  const [busy, setBusy] = useState<'draft' | 'submit' | 'facts' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!session || target.state.status === 'loading') return <LoadingView />;
  if (target.state.status === 'failed') {
    return <ErrorView id="write-error" message={target.state.message} onRetry={target.reload} />;
  }
  const { kind, period, report } = target.state.data;
  if (report && report.status !== 'draft') return <SentReport report={report} />;
  const text = body ?? report?.body ?? '';

  const run = (what: 'draft' | 'submit' | 'facts', work: () => Promise<void>) => {
    if (busy) return;
    setBusy(what);
    setProblem(null);
    work()
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(null));
  };

  const saveDraft = () =>
    run('draft', async () => {
      const saved = await saveReportDraft({ kind, period, body: text });
      target.setData({ kind, period, report: saved });
      showToast('草稿已保存', 'success');
    });

  const submit = () =>
    run('submit', async () => {
      setConfirming(false);
      const sent = await submitReport({ kind, period, body: text.trim(), clientKey });
      target.setData({ kind, period, report: sent });
    });

  const prefill = () =>
    run('facts', async () => {
      const facts = await fetchMonthlyFacts(period);
      const start = monthlyDraft(facts);
      setBody(text.trim() ? `${start}\n${text}` : start);
    });

  return (
    <View className="page">
      <View className="card" id="write-form">
        <Text className="title">{reportTitle(kind, period)}</Text>
        <Text className="hint">
          {kind === 'thought'
            ? '谈谈半年来的学习、工作和思想情况，以及今后的打算。'
            : '写写本月参加了哪些组织生活和学习，有什么体会。'}
        </Text>
        {kind === 'monthly' ? (
          <BigButton id="write-prefill" kind="secondary" busy={busy === 'facts'} busyText="正在读取…" onClick={prefill}>
            用本月签到和学习记录开头
          </BigButton>
        ) : null}
        <Textarea
          id="write-body"
          className="reports-textarea"
          maxlength={REPORT_BODY_MAX}
          placeholder="请在这里写汇报内容"
          value={text}
          onInput={(event) => setBody(event.detail.value)}
        />
        {problem ? (
          <Text className="error-text" id="write-problem">
            {problem}
          </Text>
        ) : null}
        <BigButton
          id="write-submit"
          size="huge"
          busy={busy === 'submit'}
          busyText="正在提交…"
          disabled={!text.trim()}
          onClick={() => setConfirming(true)}
        >
          提交给支部
        </BigButton>
        <BigButton id="write-draft" kind="secondary" busy={busy === 'draft'} busyText="正在保存…" onClick={saveDraft}>
          保存草稿
        </BigButton>
      </View>
      {confirming ? (
        <ConfirmSheet
          id="write-confirm"
          title="确认提交"
          message="提交后不能再修改，支部书记会阅读并回复。"
          confirmText="确认提交"
          onConfirm={submit}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </View>
  );
}
