import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { beijingDay, type MyReportListItem } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { fetchDueReports, listMyReports } from '../../../../services/reports';
import { dueText, reportTitle, shortDay, statusText } from '../../report-text';
import '../../reports.css';

function SentRow({ item }: { item: MyReportListItem }) {
  return (
    <View
      className="card link-card"
      id={`report-${item.id}`}
      onClick={() => navigate.to(Routes.reportsWrite, { id: item.id })}
    >
      <View>
        <Text className="subtitle">{reportTitle(item.kind, item.period)}</Text>
        <Text className="hint">
          {item.submittedAt
            ? `${shortDay(item.submittedAt)}提交 · ${statusText(item.status)}`
            : statusText(item.status)}
        </Text>
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}

/** 我的汇报: this period's thought report and monthly report, then everything written before. */
export default function MyReportsPage() {
  const session = useRequiredSession();
  const due = useLoader(fetchDueReports, '', { auto: false });
  const sent = usePagedList(listMyReports, 'mine');
  useDidShow(() => due.reload());

  if (!session) return <LoadingView />;
  const today = beijingDay(new Date());

  return (
    <View className="page">
      <View className="card" id="reports-due">
        <Text className="title">本期汇报</Text>
        <Text className="hint">思想汇报每半年一次，组织生活月报告每月一次，写好后交给家乡党支部。</Text>
        {due.state.status === 'loading' ? <LoadingView id="reports-due-loading" /> : null}
        {due.state.status === 'failed' ? (
          <ErrorView id="reports-due-error" message={due.state.message} onRetry={due.reload} />
        ) : null}
        {due.state.status === 'ready'
          ? due.state.data.items.map((item) => {
              const open = item.status === 'none' || item.status === 'draft';
              return (
                <View className="section" key={`${item.kind}-${item.period}`} id={`due-${item.kind}-${item.period}`}>
                  <Text className="subtitle">{reportTitle(item.kind, item.period)}</Text>
                  <Text className="hint">{dueText(item, today)}</Text>
                  <BigButton
                    id={`due-${item.kind}-${item.period}-open`}
                    kind={open ? 'primary' : 'secondary'}
                    onClick={() =>
                      navigate.to(
                        Routes.reportsWrite,
                        open || !item.reportId ? { kind: item.kind, period: item.period } : { id: item.reportId },
                      )
                    }
                  >
                    {open ? (item.status === 'draft' ? '接着写' : '开始写') : '查看'}
                  </BigButton>
                </View>
              );
            })
          : null}
      </View>

      <View
        className="card link-card"
        id="reports-suggestions-link"
        onClick={() => navigate.to(Routes.reportsSuggestions)}
      >
        <View>
          <Text className="subtitle">建言献策</Text>
          <Text className="hint">给家乡发展提建议，看办理进度和答复</Text>
        </View>
        <Text className="link-card__arrow">›</Text>
      </View>

      <Text className="subtitle section">写过的汇报</Text>
      {sent.status === 'loading' ? <LoadingView id="reports-sent-loading" /> : null}
      {sent.status === 'failed' ? (
        <ErrorView id="reports-sent-error" message={sent.message ?? '加载失败'} onRetry={sent.reload} />
      ) : null}
      {sent.status === 'ready' && sent.items.length === 0 ? (
        <EmptyState id="reports-sent-empty" title="还没有写过汇报" description="点上面的“开始写”，写好后提交给支部。" />
      ) : null}
      {sent.items.map((item) => (
        <SentRow key={item.id} item={item} />
      ))}
      {sent.status === 'ready' && sent.items.length > 0 ? (
        <ListFooter
          id="reports-sent-footer"
          count={sent.items.length}
          hasMore={sent.hasMore}
          loadingMore={sent.loadingMore}
          moreError={sent.moreError}
          onMore={sent.loadMore}
        />
      ) : null}
    </View>
  );
}
