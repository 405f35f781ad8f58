import { Text, Textarea, View } from '@tarojs/components';
import {
  EVALUATION_GRADE_LABELS,
  EVALUATION_SELF_ASSESSMENT_MAX,
  type MyEvaluationResult,
  type MyEvaluationView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { fetchMyEvaluation, listMyEvaluationResults, submitSelfAssessment } from '../../../../services/feedback';
import '../../feedback.css';

function SelfAssessment({ mine, onSaved }: { mine: MyEvaluationView; onSaved: (view: MyEvaluationView) => void }) {
  const [text, setText] = useState(mine.selfAssessment ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const round = mine.round!;
  const save = () => {
    const value = text.trim();
    if (!value) {
      setProblem('请先写下您的自评');
      return;
    }
    setBusy(true);
    setProblem(null);
    submitSelfAssessment(value)
      .then((view) => {
        showToast('自评已提交', 'success');
        onSaved(view);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id="mine-self">
      <Text className="title">{`${round.year} 年度民主评议`}</Text>
      <Text className="hint">{`${round.branchName}正在进行民主评议。请对照党员标准，写下这一年学习、工作和发挥作用的情况。`}</Text>
      {mine.selfAssessedAt ? (
        <Text className="done-text" id="mine-self-saved">
          已提交自评，评议结束前可以修改
        </Text>
      ) : null}
      <View className="field">
        <Text className="field__label">个人自评</Text>
        <Textarea
          id="mine-self-text"
          className="field__textarea"
          maxlength={EVALUATION_SELF_ASSESSMENT_MAX}
          value={text}
          onInput={(event) => setText(event.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="mine-self-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="mine-self-submit" busy={busy} busyText="正在提交…" onClick={save}>
        {mine.selfAssessedAt ? '修改自评' : '提交自评'}
      </BigButton>
    </View>
  );
}

function Results({ results }: { results: MyEvaluationResult[] }) {
  if (results.length === 0) {
    return (
      <EmptyState id="mine-results-empty" title="还没有评议结果" description="评议结束后，您的结果会显示在这里。" />
    );
  }
  return (
    <>
      {results.map((r) => (
        <View key={r.roundId} className="card" id={`mine-result-${r.roundId}`}>
          <Text className="hint">{`${r.year} 年度 · ${r.branchName}`}</Text>
          <Text className="title" id={`mine-grade-${r.roundId}`}>
            {EVALUATION_GRADE_LABELS[r.grade]}
          </Text>
          <Text className="quote">{r.reasons}</Text>
        </View>
      ))}
    </>
  );
}

/** The member: self-assessment while the branch's round is open, and their own published results. */
export default function MyEvaluationPage() {
  const session = useRequiredSession();
  const data = useLoader(async () => {
    const [mine, results] = await Promise.all([fetchMyEvaluation(), listMyEvaluationResults()]);
    return { mine, results };
  });

  if (!session) return <LoadingView />;
  if (!session.account.memberId) {
    return (
      <View className="page">
        <EmptyState id="mine-unbound" title="请先绑定党员信息" description="绑定后才能参加民主评议、查看评议结果。" />
      </View>
    );
  }
  const { state } = data;
  if (state.status === 'loading') return <LoadingView id="mine-loading" />;
  if (state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="mine-error" message={state.message} onRetry={data.reload} />
      </View>
    );
  }
  const { mine, results } = state.data;
  return (
    <View className="page">
      {mine.round ? (
        <SelfAssessment mine={mine} onSaved={(view) => data.setData({ mine: view, results })} />
      ) : (
        <View className="card" id="mine-no-round">
          <Text className="subtitle">目前没有正在进行的民主评议</Text>
          <Text className="hint">支部开始民主评议后，会在消息中通知您填写自评。</Text>
        </View>
      )}
      <Text className="subtitle section">我的评议结果</Text>
      <Results results={results} />
    </View>
  );
}
