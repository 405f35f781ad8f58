import { Text, Textarea, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import {
  EVALUATION_CONCERN_LABELS,
  EVALUATION_GRADES,
  EVALUATION_GRADE_LABELS,
  EVALUATION_REASONS_MAX,
  EVALUATION_ROUND_STATUS_LABELS,
  FEEDBACK_RATING_LABELS,
  type EvaluationEntryView,
  type EvaluationGrade,
  type EvaluationRoundView,
} from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { errorMessage } from '../../../../services/http';
import {
  closeEvaluationRound,
  fetchEvaluationRound,
  listEvaluationEntries,
  recordEvaluationResult,
} from '../../../../services/feedback';
import '../../feedback.css';

const GRADE_OPTIONS = EVALUATION_GRADES.map((value) => ({
  value,
  label: EVALUATION_GRADE_LABELS[value],
  id: `grade-${value}`,
}));

function Inputs({ entry }: { entry: EvaluationEntryView }) {
  const { facts, summary } = entry;
  const attendance =
    summary.attendanceRate === null
      ? '本年度没有组织活动'
      : `${facts.activitiesAttended} / ${facts.activitiesHeld} 次（${Math.round(summary.attendanceRate * 100)}%）`;
  const study =
    facts.studyRequiredHours === null
      ? `${facts.studyHours} 小时`
      : `${facts.studyHours} / ${facts.studyRequiredHours} 小时`;
  return (
    <View>
      <Text className="list-item__meta">{`参加组织生活：${attendance}`}</Text>
      <Text className="list-item__meta">{`学习时长：${study}`}</Text>
      <Text className="list-item__meta">{`志愿服务：${facts.volunteerHours} 小时${facts.points === null ? '' : ` · 积分 ${facts.points}`}`}</Text>
      <Text className="field__label section">个人自评</Text>
      {entry.selfAssessment ? (
        <Text className="quote" id={`entry-self-${entry.memberId}`}>
          {entry.selfAssessment}
        </Text>
      ) : (
        <Text className="hint">尚未提交</Text>
      )}
      {entry.away ? <Text className="field__label section">流入地反馈</Text> : null}
      {entry.feedback.map((f) => (
        <Text key={f.feedbackId} className="quote" id={`entry-feedback-${f.feedbackId}`}>
          {`${f.periodLabel} · ${f.receivingBranchName} · ${FEEDBACK_RATING_LABELS[f.rating]}：${f.assessment}`}
        </Text>
      ))}
      {summary.concerns.map((concern) => (
        <Text key={concern} className="concern" id={`entry-concern-${entry.memberId}-${concern}`}>
          {`⚠ ${EVALUATION_CONCERN_LABELS[concern]}`}
        </Text>
      ))}
    </View>
  );
}

function ResultForm({
  roundId,
  entry,
  onSaved,
}: {
  roundId: string;
  entry: EvaluationEntryView;
  onSaved: (entry: EvaluationEntryView) => void;
}) {
  const [grade, setGrade] = useState<EvaluationGrade>(entry.grade ?? 'qualified');
  const [reasons, setReasons] = useState(entry.reasons ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const text = reasons.trim();
    if (!text) {
      setProblem('请填写评定理由');
      return;
    }
    setBusy(true);
    setProblem(null);
    recordEvaluationResult(roundId, entry.memberId, { grade, reasons: text })
      .then((saved) => {
        showToast('评定结果已保存', 'success');
        onSaved(saved);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="action-panel">
      <Segmented id={`entry-grade-${entry.memberId}`} options={GRADE_OPTIONS} value={grade} onChange={setGrade} />
      <Text className="field__label section">评定理由</Text>
      <Textarea
        id={`entry-reasons-${entry.memberId}`}
        className="field__textarea"
        maxlength={EVALUATION_REASONS_MAX}
        value={reasons}
        onInput={(event) => setReasons(event.detail.value)}
      />
      {problem ? (
        <Text className="error-text" id={`entry-problem-${entry.memberId}`}>
          {problem}
        </Text>
      ) : null}
      <BigButton id={`entry-save-${entry.memberId}`} busy={busy} busyText="正在保存…" onClick={save}>
        {entry.grade ? '修改结果' : '保存结果'}
      </BigButton>
    </View>
  );
}

function EntryCard({
  round,
  entry,
  onSaved,
}: {
  round: EvaluationRoundView;
  entry: EvaluationEntryView;
  onSaved: (entry: EvaluationEntryView) => void;
}) {
  return (
    <View className="card list-item" id={`entry-${entry.memberId}`}>
      <View className="list-item__head">
        <Text className="list-item__name">{entry.name}</Text>
        <Text className="status-badge" id={`entry-grade-label-${entry.memberId}`}>
          {entry.grade ? EVALUATION_GRADE_LABELS[entry.grade] : '未评定'}
        </Text>
      </View>
      {entry.away ? <Text className="list-item__meta">流动党员</Text> : null}
      <Inputs entry={entry} />
      {round.status === 'open' ? (
        <ResultForm roundId={round.id} entry={entry} onSaved={onSaved} />
      ) : entry.reasons ? (
        <Text className="hint section">{`评定理由：${entry.reasons}`}</Text>
      ) : null}
    </View>
  );
}

function CloseRound({
  round,
  onClosed,
}: {
  round: EvaluationRoundView;
  onClosed: (round: EvaluationRoundView) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setBusy(true);
    setProblem(null);
    closeEvaluationRound(round.id)
      .then((closed) => {
        showToast('评议已结束，结果已通知党员', 'success');
        onClosed(closed);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="card" id="round-close">
      <Text className="hint">全部党员评定后结束评议，每名党员会收到自己的结果。结束后不能再修改。</Text>
      {problem ? (
        <Text className="error-text" id="round-close-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="round-close-button" kind="secondary" busy={busy} busyText="正在结束…" onClick={close}>
        结束评议并公布结果
      </BigButton>
    </View>
  );
}

function Entries({ round, onChanged }: { round: EvaluationRoundView; onChanged: () => void }) {
  const list = usePagedList((cursor) => listEvaluationEntries(round.id, cursor), `${round.id}|${round.status}`);
  usePullDownRefresh(() => list.reload());
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);
  const saved = (entry: EvaluationEntryView) => {
    list.update((items) => items.map((e) => (e.memberId === entry.memberId ? entry : e)));
    onChanged();
  };
  return (
    <>
      {list.status === 'loading' ? <LoadingView id="entries-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="entries-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="entries-empty" title="本支部没有参评党员" />
      ) : null}
      {list.items.map((entry) => (
        <EntryCard key={entry.memberId} round={round} entry={entry} onSaved={saved} />
      ))}
      <ListFooter
        id="entries"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </>
  );
}

/** 流出地: one round — each member's gathered inputs, the grade with reasons, and closing to publish. */
export default function EvaluationRoundPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const round = useLoader(() => fetchEvaluationRound(id), id);

  // After a result is saved: the counts change, the list stays where it is.
  const refreshCounts = () => {
    fetchEvaluationRound(id).then(round.setData, () => undefined);
  };

  if (!session) return <LoadingView />;
  const { state } = round;
  if (state.status === 'loading') return <LoadingView id="round-loading" />;
  if (state.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="round-error" message={state.message} onRetry={round.reload} />
      </View>
    );
  }
  const r = state.data;
  return (
    <View className="page">
      <View className="card" id="round-head">
        <Text className="title">{`${r.year} 年度民主评议`}</Text>
        <Text className="hint">{`${r.branchName} · ${EVALUATION_ROUND_STATUS_LABELS[r.status]}`}</Text>
        <Text
          className="text"
          id="round-counts"
        >{`参评 ${r.members} 人，已自评 ${r.selfAssessed} 人，已评定 ${r.graded} 人`}</Text>
      </View>
      <Entries round={r} onChanged={refreshCounts} />
      {r.status === 'open' ? <CloseRound round={r} onClosed={round.setData} /> : null}
    </View>
  );
}
