import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  FEEDBACK_ASSESSMENT_MAX,
  FEEDBACK_RATINGS,
  FEEDBACK_RATING_LABELS,
  type FeedbackDraft,
  type FeedbackRating,
  type FeedbackView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { Segmented } from '../../../../components/segmented';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { fetchFeedbackDraft, sendFeedback } from '../../../../services/feedback';
import { FactGrid } from '../../facts';
import '../../feedback.css';

const RATING_OPTIONS = FEEDBACK_RATINGS.map((value) => ({
  value,
  label: FEEDBACK_RATING_LABELS[value],
  id: `form-rating-${value}`,
}));

function Form({ draft, onSent }: { draft: FeedbackDraft; onSent: (view: FeedbackView) => void }) {
  const [rating, setRating] = useState<FeedbackRating>('good');
  const [assessment, setAssessment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    const text = assessment.trim();
    if (!text) {
      setProblem('请写几句对这位党员本期表现的评价');
      return;
    }
    setBusy(true);
    setProblem(null);
    sendFeedback({ flowId: draft.flowId, period: draft.period, rating, assessment: text })
      .then((view) => {
        showToast('已发送给流出地党组织', 'success');
        onSent(view);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="form-assessment">
      <Text className="subtitle">本支部的评价</Text>
      <View className="field">
        <Text className="field__label">总体表现</Text>
        <Segmented id="form-rating" options={RATING_OPTIONS} value={rating} onChange={setRating} />
      </View>
      <View className="field">
        <Text className="field__label">具体评价</Text>
        <Textarea
          id="form-text"
          className="field__textarea"
          maxlength={FEEDBACK_ASSESSMENT_MAX}
          placeholder="如：参加组织生活、发挥作用、遵守纪律等情况"
          value={assessment}
          onInput={(event) => setAssessment(event.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="form-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="form-submit" busy={busy} busyText="正在发送…" onClick={submit}>
        发送给流出地党组织
      </BigButton>
    </View>
  );
}

/** 流入地: one member's feedback for one period, the facts filled in from the record, the assessment written here. */
export default function FeedbackFormPage() {
  const session = useRequiredSession();
  const { flowId = '', period } = useRouter().params;
  const draft = useLoader(() => fetchFeedbackDraft(flowId, period || undefined), `${flowId}|${period ?? ''}`);
  const [sent, setSent] = useState<FeedbackView | null>(null);

  if (!session) return <LoadingView />;
  const { state } = draft;
  if (state.status === 'loading') return <LoadingView id="form-loading" />;
  if (state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="form-error" message={state.message} onRetry={draft.reload} />
      </View>
    );
  }
  const data = state.data;
  const done = sent !== null || data.existingFeedbackId !== null;
  return (
    <View className="page">
      <View className="card" id="form-member">
        <Text className="title" id="form-name">
          {data.name}
        </Text>
        <Text className="hint">{`${data.periodLabel} · 流出地：${data.sendingBranchName}`}</Text>
        <Text className="subtitle section">本期情况（系统自动统计）</Text>
        <FactGrid id="form-facts" facts={data.facts} />
      </View>
      {done ? (
        <View className="card" id="form-done">
          <Text className="done-text">本期反馈已发送，等待流出地党组织签收。</Text>
          <BigButton id="form-back" kind="secondary" onClick={() => navigate.back()}>
            返回
          </BigButton>
        </View>
      ) : (
        <Form draft={data} onSent={setSent} />
      )}
    </View>
  );
}
