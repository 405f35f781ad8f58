import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { SUGGESTION_STATUS_LABELS, type SuggestionStatus } from '@pioneer/shared';
import { useState } from 'react';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listReceivedSuggestions } from '../../../../services/reports';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import { SuggestionRow } from '../../suggestion-row';
import '../../reports.css';

const FILTERS: readonly (SuggestionStatus | 'all')[] = [
  'all',
  'received',
  'processing',
  'adopted',
  'answered',
  'declined',
];

/** 建言献策办理: suggestions sent to the org's branches (a county lists all its townships'), by status. */
export default function ReceivedSuggestionsPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  const [status, setStatus] = useState<SuggestionStatus | 'all'>('received');
  const orgId = choice.current?.id;
  const list = usePagedList(
    (cursor) => listReceivedSuggestions({ orgId, cursor, ...(status === 'all' ? {} : { status }) }),
    `${orgId ?? ''}:${status}`,
  );
  useDidShow(() => {
    if (list.status !== 'loading') list.reload();
  });

  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="received-orgs" choice={choice} />
      <View className="chips" id="received-filter">
        {FILTERS.map((f) => (
          <View
            key={f}
            id={`received-filter-${f}`}
            className={`chip${status === f ? ' chip--selected' : ''}`}
            onClick={() => setStatus(f)}
          >
            <Text>{f === 'all' ? '全部' : SUGGESTION_STATUS_LABELS[f]}</Text>
          </View>
        ))}
      </View>
      {list.status === 'loading' ? <LoadingView /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="received-error" message={list.message ?? '加载失败'} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState id="received-empty" title="这里没有建议" description="党员提出的建言献策会出现在这里。" />
      ) : null}
      {list.items.map((item) => (
        <SuggestionRow
          key={item.id}
          item={item}
          showSender
          onOpen={() => navigate.to(Routes.reportsSuggestion, { id: item.id, side: 'home' })}
        />
      ))}
      {list.status === 'ready' && list.items.length > 0 ? (
        <ListFooter
          id="received-footer"
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
