import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { HOME_STAY_OCCASION_LABELS, type HomeForHolidaysItem, type OrgView } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { InfoRow } from '../../../../components/info-row';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { listHomeForHolidays } from '../../../../services/outflow';
import { BranchChoiceBar, useBranchChoice } from '../../components/branch-choice';
import '../../secretary.css';

function HolidayRow({ item }: { item: HomeForHolidaysItem }) {
  return (
    <View className="card" id={`holidays-${item.homeStayId}`}>
      <View className="list-item__head">
        <Text className="list-item__name">{item.memberName}</Text>
        <Text className="status-badge">{HOME_STAY_OCCASION_LABELS[item.occasion]}</Text>
      </View>
      <InfoRow label="在家时间" value={`${item.homeFrom} 至 ${item.homeUntil}`} />
      <InfoRow label="所在党支部" value={item.branchName} />
      <InfoRow label="手机号" value={item.memberPhoneMasked} />
      <BigButton
        id={`holidays-${item.homeStayId}-person`}
        kind="plain"
        onClick={() => navigate.to(Routes.secretaryPerson, { id: item.memberId })}
      >
        查看党员
      </BigButton>
    </View>
  );
}

function Holidays({ org }: { org: OrgView }) {
  const list = usePagedList((cursor) => listHomeForHolidays({ orgId: org.id, cursor }), org.id);

  return (
    <View>
      <View className="card">
        <Text className="title">{`${org.name} · 近期返乡党员`}</Text>
        <Text className="hint">今天起 30 天内在家的外出党员。可邀请参加乡情恳谈会，安排返乡补学。</Text>
        {org.level === 'branch' ? (
          <BigButton
            id="holidays-catch-up"
            kind="secondary"
            onClick={() => navigate.to(Routes.secretaryActivityNew, { branchId: org.id, kind: 'catch_up_class' })}
          >
            安排返乡补学
          </BigButton>
        ) : null}
      </View>
      {list.status === 'loading' ? <LoadingView id="holidays-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="holidays-error" message={list.message ?? '加载失败'} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="holidays-empty"
          title="近期没有党员登记返乡"
          description="党员在小程序里登记临时返乡，或支部代为登记后，会显示在这里。"
        />
      ) : null}
      {list.status === 'ready' && list.items.length > 0 ? (
        <View id="holidays-list">
          {list.items.map((item) => (
            <HolidayRow key={item.homeStayId} item={item} />
          ))}
          <ListFooter
            id="holidays-footer"
            count={list.items.length}
            hasMore={list.hasMore}
            loadingMore={list.loadingMore}
            moreError={list.moreError}
            onMore={list.loadMore}
          />
        </View>
      ) : null}
    </View>
  );
}

/** 返乡党员名单: members of the branch (or the org's subtree) home for the holidays soon. */
export default function HolidaysPage() {
  const session = useRequiredSession();
  const choice = useBranchChoice(useRouter().params.orgId);

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      <BranchChoiceBar id="holidays-orgs" choice={choice} />
      {choice.current ? <Holidays key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
