import { Image, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  SUGGESTION_CATEGORY_LABELS,
  SUGGESTION_REPLY_MAX,
  SUGGESTION_STATUS_LABELS,
  canMoveSuggestion,
  suggestionNeedsReply,
  type SuggestionStatus,
  type SuggestionView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { errorMessage } from '../../../../services/http';
import {
  downloadSuggestionImage,
  fetchMySuggestion,
  fetchSuggestion,
  moveSuggestion,
} from '../../../../services/reports';
import { shortDay } from '../../report-text';
import '../../reports.css';

const NEXT: readonly SuggestionStatus[] = ['processing', 'adopted', 'answered', 'declined'];

/** The home side moves a suggestion on: 办理中, or a final answer with a reply to the member. */
function HomeActions({ suggestion, onDone }: { suggestion: SuggestionView; onDone: (s: SuggestionView) => void }) {
  const [to, setTo] = useState<SuggestionStatus | null>(null);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const choices = NEXT.filter((s) => canMoveSuggestion(suggestion.status, s));
  if (choices.length === 0) return null;

  const save = () => {
    if (!to || busy) return;
    if (suggestionNeedsReply(to) && !reply.trim()) return setProblem('给出办理结果时请填写答复');
    setBusy(true);
    setProblem(null);
    moveSuggestion(suggestion.id, { status: to, ...(reply.trim() ? { reply: reply.trim() } : {}) })
      .then(onDone)
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="suggestion-actions">
      <Text className="subtitle">办理</Text>
      <View className="chips">
        {choices.map((s) => (
          <View
            key={s}
            id={`suggestion-to-${s}`}
            className={`chip${to === s ? ' chip--selected' : ''}`}
            onClick={() => setTo(s)}
          >
            <Text>{SUGGESTION_STATUS_LABELS[s]}</Text>
          </View>
        ))}
      </View>
      {to && suggestionNeedsReply(to) ? (
        <Textarea
          id="suggestion-reply"
          className="reports-textarea reports-textarea--short"
          maxlength={SUGGESTION_REPLY_MAX}
          placeholder="写给党员的答复"
          value={reply}
          onInput={(event) => setReply(event.detail.value)}
        />
      ) : null}
      {problem ? (
        <Text className="error-text" id="suggestion-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="suggestion-save" busy={busy} disabled={!to} onClick={save}>
        确定
      </BigButton>
    </View>
  );
}

/** One suggestion: for the member who sent it (?side=member) or for the home side (?side=home). */
export default function SuggestionPage() {
  const session = useRequiredSession();
  const { id = '', side = 'member' } = useRouter().params;
  const home = side === 'home';
  const loader = useLoader(() => (home ? fetchSuggestion(id) : fetchMySuggestion(id)), `${side}:${id}`);
  const [photos, setPhotos] = useState<string[] | null>(null);
  const [photoProblem, setPhotoProblem] = useState<string | null>(null);

  if (!session || loader.state.status === 'loading') return <LoadingView />;
  if (loader.state.status === 'failed') {
    return <ErrorView id="suggestion-error" message={loader.state.message} onRetry={loader.reload} />;
  }
  const s = loader.state.data;

  const showPhotos = () => {
    setPhotoProblem(null);
    Promise.all(s.imageIds.map((imageId) => downloadSuggestionImage(s.id, imageId)))
      .then(setPhotos)
      .catch((cause: unknown) => setPhotoProblem(errorMessage(cause)));
  };

  return (
    <View className="page">
      <View className="card" id="suggestion-view">
        <Text className="title">{s.title}</Text>
        <Text className="status-badge" id="suggestion-status">
          {SUGGESTION_STATUS_LABELS[s.status]}
        </Text>
        <Text className="hint">
          {`${SUGGESTION_CATEGORY_LABELS[s.category]} · ${shortDay(s.createdAt)}${home ? ` · ${s.memberName}（${s.branchName}）` : ''}`}
        </Text>
        <View className="section">
          <Text className="reports-body" id="suggestion-text">
            {s.text}
          </Text>
        </View>
        {s.imageIds.length > 0 && !photos ? (
          <BigButton id="suggestion-photos" kind="secondary" onClick={showPhotos}>
            {`查看图片（${s.imageIds.length} 张）`}
          </BigButton>
        ) : null}
        {photoProblem ? <Text className="error-text">{photoProblem}</Text> : null}
        {photos ? (
          <View className="reports-images">
            {photos.map((path) => (
              <Image key={path} className="reports-images__item" src={path} mode="aspectFill" />
            ))}
          </View>
        ) : null}
        {s.reply ? (
          <View className="reports-reply" id="suggestion-answer">
            <Text className="subtitle">答复</Text>
            <Text className="reports-body">{s.reply}</Text>
          </View>
        ) : !home ? (
          <Text className="hint section">家乡党组织办理后会在“消息”里通知您。</Text>
        ) : null}
      </View>
      {home ? <HomeActions suggestion={s} onDone={loader.setData} /> : null}
    </View>
  );
}
