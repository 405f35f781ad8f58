import { Text, Textarea, View } from '@tarojs/components';
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import {
  FEEDBACK_COMMENT_MAX,
  FEEDBACK_RATING_LABELS,
  FEEDBACK_STATUS_LABELS,
  type FeedbackView,
} from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { errorMessage } from '../../../../services/http';
import { acknowledgeFeedback, listFeedback } from '../../../../services/feedback';
import { FactGrid } from '../../facts';
import '../../feedback.css';

function Acknowledge({ feedback, onDone }: { feedback: FeedbackView; onDone: (view: FeedbackView) => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    setBusy(true);
    setProblem(null);
    const text = comment.trim();
    acknowledgeFeedback(feedback.id, text ? { comment: text } : {})
      .then((view) => {
        showToast('已签收，存入党员档案', 'success');
        onDone(view);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };
  return (
    <View className="action-panel">
      <Text className="field__label">签收意见（选填）</Text>
      <Textarea
        id={`received-comment-${feedback.id}`}
        className="field__textarea"
        maxlength={FEEDBACK_COMMENT_MAX}
        value={comment}
        onInput={(event) => setComment(event.detail.value)}
      />
      {problem ? (
        <Text className="error-text" id={`received-problem-${feedback.id}`}>
          {problem}
        </Text>
      ) : null}
      <BigButton id={`received-ack-${feedback.id}`} busy={busy} busyText="正在签收…" onClick={submit}>
        签收
      </BigButton>
    </View>
  );
}

function FeedbackCard({ feedback, onChange }: { feedback: FeedbackView; onChange: (view: FeedbackView) => void }) {
  return (
    <View className="card list-item" id={`received-${feedback.id}`}>
      <View className="list-item__head">
        <Text className="list-item__name">{feedback.name}</Text>
        <Text className={`status-badge status-badge--${feedback.status}`}>
          {FEEDBACK_STATUS_LABELS[feedback.status]}
        </Text>
      </View>
      <Text className="list-item__meta">{`${feedback.periodLabel} · ${feedback.receivingBranchName}`}</Text>
      {feedback.rating ? (
        <Text
          className="text section"
          id={`received-rating-${feedback.id}`}
        >{`总体表现：${FEEDBACK_RATING_LABELS[feedback.rating]}`}</Text>
      ) : null}
      {feedback.assessment ? <Text className="quote">{feedback.assessment}</Text> : null}
      {feedback.facts ? <FactGrid id={`received-facts-${feedback.id}`} facts={feedback.facts} /> : null}
      {feedback.status === 'sent' ? <Acknowledge feedback={feedback} onDone={onChange} /> : null}
      {feedback.status === 'acknowledged' && feedback.acknowledgeComment ? (
        <Text className="hint section">{`签收意见：${feedback.acknowledgeComment}`}</Text>
      ) : null}
    </View>
  );
}

/** 流出地: feedback from the receiving branches about our members, to read and acknowledge into the person file. */
export default function FeedbackReceivedPage() {
  const session = useRequiredSession();
  const list = usePagedList((cursor) => listFeedback('received', cursor), '');
  usePullDownRefresh(() => list.reload());
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  if (!session) return <LoadingView />;
  const replace = (view: FeedbackView) => list.update((items) => items.map((f) => (f.id === view.id ? view : f)));
  return (
    <View className="page">
      {list.status === 'loading' ? <LoadingView id="received-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="received-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="received-empty"
          title="还没有收到表现反馈"
          description="流入地党组织每期发来的党员表现情况会显示在这里。"
        />
      ) : null}
      {list.items.map((feedback) => (
        <FeedbackCard key={feedback.id} feedback={feedback} onChange={replace} />
      ))}
      <ListFooter
        id="received"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}
