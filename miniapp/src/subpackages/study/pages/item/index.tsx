import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { STUDY_ITEM_KIND_LABELS, type StudyItemView } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { Segmented } from '../../../../components/segmented';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { StudyArticle } from '../../../../components/study-article';
import { itemProgressText, requiredMinutes, share } from '../../../../components/study-progress';
import { ProgressBar } from '../../../../components/study-views';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { usePageVisible } from '../../../../platform/page-visibility';
import { Routes } from '../../../../routes';
import { useLargeType } from '../../large-type';
import { useStudySession, type StudyProgress } from '../../study-session';
import { AudioContent } from './audio-content';
import { LinkContent } from './link-content';
import { QuizForm } from './quiz-form';
import '../../../../components/study-views.css';
import '../../study.css';

const TYPE_OPTIONS = [
  { value: 'normal', label: '标准字', id: 'reader-type-normal' },
  { value: 'large', label: '大字阅读', id: 'reader-type-large' },
] as const;

function ProgressPanel({
  item,
  progress,
  note,
}: {
  item: StudyItemView;
  progress: StudyProgress | null;
  note: string | null;
}) {
  const finished = progress?.finished === true;
  // An item with a quiz is finished once the time is in and the quiz has been answered.
  const quizLeft =
    !finished && progress !== null && progress.effectiveSeconds >= item.minSeconds && Boolean(item.quiz?.length);
  return (
    <View id="reader-progress">
      {finished ? (
        <Text className="reader-finished" id="reader-finished">
          ✓ 学习完成
        </Text>
      ) : (
        <Text className="reader-progress-text" id="reader-progress-text">
          {progress
            ? itemProgressText(progress.effectiveSeconds, item.minSeconds)
            : `至少学习 ${requiredMinutes(item.minSeconds)} 分钟`}
        </Text>
      )}
      <ProgressBar
        id="reader-progress-bar"
        value={progress ? share(progress.effectiveSeconds, item.minSeconds) : 0}
        done={finished}
      />
      {quizLeft ? (
        <Text className="hint" id="reader-quiz-left">
          时长已够，答完下面的小测验就学完了。
        </Text>
      ) : null}
      {note ? (
        <Text className="reader-note" id="reader-note">
          {note}
        </Text>
      ) : (
        <Text className="hint">停留在本页面时计算学习时长。</Text>
      )}
    </View>
  );
}

function Content({ item, large }: { item: StudyItemView; large: boolean }) {
  if (item.kind === 'article') {
    return item.body ? (
      <StudyArticle id="reader-article" html={item.body} large={large} />
    ) : (
      <Text className="hint">这篇文章没有正文。</Text>
    );
  }
  if (!item.url) return <Text className="hint">内容的链接缺失，请联系发布的党组织。</Text>;
  if (item.kind === 'audio') return <AudioContent url={item.url} />;
  return <LinkContent kind={item.kind} url={item.url} />;
}

/** Reads, plays or opens one item (?id=, and &packId= for the progress so far), counting the time it is on screen. */
export default function StudyItemPage() {
  const session = useRequiredSession();
  const { params } = useRouter();
  const itemId = params.id ?? '';
  const visible = usePageVisible();
  const study = useStudySession(session ? itemId : '', params.packId ?? '', visible);
  const [large, setLarge] = useLargeType();

  if (!session) return <LoadingView />;
  if (!itemId) {
    return (
      <View className="page">
        <ErrorView id="reader-error" message="没有找到要学习的内容" />
        <BigButton id="reader-back" kind="secondary" onClick={() => navigate.to(Routes.study)}>
          回到学习
        </BigButton>
      </View>
    );
  }

  const { opened } = study;
  if (opened.status === 'loading') return <LoadingView id="reader-loading" text="正在打开…" />;
  if (opened.status === 'failed') {
    return (
      <View className="page">
        <ErrorView id="reader-error" message={opened.message} onRetry={study.reopen} />
      </View>
    );
  }

  const { item } = opened.data;
  const quiz = item.quiz ?? [];
  return (
    <View className={`page reader${large ? ' reader--large' : ''}`} id="reader">
      <View className="card">
        <Text className="kind-tag">{STUDY_ITEM_KIND_LABELS[item.kind] ?? item.kind}</Text>
        <Text className="title reader-title" id="reader-title">
          {item.title}
        </Text>
        <ProgressPanel item={item} progress={study.progress} note={study.note} />
        <View className="section">
          <Segmented
            id="reader-type"
            options={TYPE_OPTIONS}
            value={large ? 'large' : 'normal'}
            onChange={(value) => setLarge(value === 'large')}
          />
        </View>
      </View>
      <View className="card" id="reader-content">
        <Content item={item} large={large} />
      </View>
      {quiz.length > 0 ? (
        <QuizForm itemId={item.id} questions={quiz} bestScore={study.before?.quizScore ?? null} />
      ) : null}
    </View>
  );
}
