import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listMySuggestions } from '../../../../services/reports';
import { SuggestionRow } from '../../suggestion-row';
import '../../reports.css';

/** 我的建议: what the member sent home, with its status. */
export default function MySuggestionsPage() {
  const session = useRequiredSession();
  const list = usePagedList(listMySuggestions, 'mine');
  useDidShow(() => {
    if (list.status !== 'loading') list.reload();
  });

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <BigButton id="suggestions-new" size="huge" onClick={() => navigate.to(Routes.reportsSuggest)}>
        给家乡提建议
      </BigButton>
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="suggestions-error" message={list.message ?? '加载失败'} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="suggestions-empty"
          title="还没有提过建议"
          description="乡村振兴、基层治理、经济发展、民生保障，有想法都可以说。"
        />
      ) : null}
      {list.items.map((item) => (
        <SuggestionRow
          key={item.id}
          item={item}
          showSender={false}
          onOpen={() => navigate.to(Routes.reportsSuggestion, { id: item.id, side: 'member' })}
        />
      ))}
      {list.status === 'ready' && list.items.length > 0 ? (
        <ListFooter
          id="suggestions-footer"
          count={list.items.length}
          hasMore={list.hasMore}
          loadingMore={list.loadingMore}
          moreError={list.moreError}
          onMore={list.loadMore}
        />
      ) : null}
    </View>
  );
}
