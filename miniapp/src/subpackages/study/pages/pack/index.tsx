import { View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { StudyPackCard } from '../../../../components/study-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { fetchMyPack } from '../../../../services/study';
import '../../../../components/study-views.css';
import '../../study.css';

/** One pack delivered to me (?id=), with my progress on each item. */
export default function StudyPackPage() {
  const session = useRequiredSession();
  const id = useRouter().params.id ?? '';
  const pack = useLoader(() => fetchMyPack(id), id, { auto: id !== '' });
  const shownOnce = useRef(false);

  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    // Back from an item: quietly pick up the minutes just studied.
    fetchMyPack(id)
      .then(pack.setData)
      .catch(() => undefined);
  });
  usePullDownRefresh(pack.reload);
  useEffect(() => {
    if (pack.state.status !== 'loading') stopPullDownRefresh();
  }, [pack.state.status]);

  if (!session) return <LoadingView />;
  if (!id) return <ErrorView id="pack-error" message="没有找到这个学习礼包" />;
  const { state } = pack;
  return (
    <View className="page">
      {state.status === 'loading' ? <LoadingView id="pack-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="pack-error" message={state.message} onRetry={pack.reload} /> : null}
      {state.status === 'ready' ? (
        <StudyPackCard
          id="pack"
          pack={state.data}
          onOpenItem={(item, opened) => navigate.to(Routes.studyItem, { id: item.id, packId: opened.id })}
        />
      ) : null}
    </View>
  );
}
