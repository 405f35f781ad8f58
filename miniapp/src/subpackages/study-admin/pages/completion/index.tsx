import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, useRouter } from '@tarojs/taro';
import type { OrgView, StudyCompletionRow, StudyCompletionView } from '@pioneer/shared';
import { useEffect, useState } from 'react';
import { Segmented } from '../../../../components/segmented';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { fetchCompletion } from '../../../../services/study';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../study-admin.css';

const percent = (rate: number) => `${Math.round(Math.min(1, Math.max(0, rate)) * 100)}%`;

function Row({ row, total, onOpen }: { row: StudyCompletionRow; total?: boolean; onOpen?: () => void }) {
  return (
    <View
      className={`table__row${total ? ' table__row--total' : ''}`}
      id={total ? 'completion-total' : `completion-row-${row.orgId}`}
      onClick={onOpen}
    >
      <Text className="table__cell table__cell--name">{total ? `合计（${row.orgName}）` : `${row.orgName} ›`}</Text>
      <Text className="table__cell">{row.members}</Text>
      <Text className="table__cell">{row.onTrack}</Text>
      <Text className="table__cell">{row.behind}</Text>
      <Text className="table__cell">{percent(row.rate)}</Text>
    </View>
  );
}

function Table({ view }: { view: StudyCompletionView }) {
  return (
    <View className="card" id="completion">
      <Text className="subtitle">{`${view.year} 年按计划学习的情况`}</Text>
      <Text className="hint">只有人数，不列个人姓名，也不排名。点下级组织可以看它的下一级。</Text>
      <View className="table" id="completion-table">
        <View className="table__row table__row--head">
          <Text className="table__cell table__cell--name">组织</Text>
          <Text className="table__cell">党员</Text>
          <Text className="table__cell">按计划</Text>
          <Text className="table__cell">落后</Text>
          <Text className="table__cell">完成率</Text>
        </View>
        <Row row={view.total} total />
        {view.children.map((row) => (
          <Row
            key={row.orgId}
            row={row}
            onOpen={() => navigate.to(Routes.studyAdminCompletion, { orgId: row.orgId })}
          />
        ))}
      </View>
      {view.total.members === 0 ? (
        <EmptyState
          id="completion-empty"
          title="还没有党员的学习数据"
          description="制定学习计划、发布学习礼包后会显示在这里。"
        />
      ) : null}
    </View>
  );
}

function OrgCompletion({ org }: { org: OrgView }) {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const completion = useLoader(() => fetchCompletion(org.id, year), `${org.id}/${year}`);
  usePullDownRefresh(completion.reload);
  useEffect(() => {
    if (completion.state.status !== 'loading') stopPullDownRefresh();
  }, [completion.state.status]);
  const years = [
    { value: String(thisYear - 1), label: `${thisYear - 1} 年`, id: 'completion-year-last' },
    { value: String(thisYear), label: `${thisYear} 年`, id: 'completion-year-this' },
  ];
  const { state } = completion;
  return (
    <View>
      <Segmented
        id="completion-year"
        options={years}
        value={String(year)}
        onChange={(value) => setYear(Number(value))}
      />
      {state.status === 'loading' ? <LoadingView id="completion-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="completion-error" message={state.message} onRetry={completion.reload} />
      ) : null}
      {state.status === 'ready' ? <Table view={state.data} /> : null}
    </View>
  );
}

/** 学习完成情况 of an org (?orgId=): its children's counts of members on track and behind; no names. */
export default function StudyCompletionPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="completion-orgs" choice={choice} />
      {choice.current ? <OrgCompletion key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
