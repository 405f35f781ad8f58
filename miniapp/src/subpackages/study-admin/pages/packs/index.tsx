import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import {
  STUDY_AUDIENCE_SCOPE_LABELS,
  STUDY_PACK_STATUS_LABELS,
  type OrgView,
  type StudyPackSummary,
} from '@pioneer/shared';
import { useEffect, useRef } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { ListFooter } from '../../../../components/list-footer';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { formatMonth } from '../../../../components/study-progress';
import { usePagedList } from '../../../../components/use-paged-list';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { stopPullDownRefresh } from '../../../../platform/pull-down';
import { Routes } from '../../../../routes';
import { listPacks } from '../../../../services/study';
import { OrgChoiceBar, useOrgChoice } from '../../../../components/org-choice';
import '../../study-admin.css';

const PAGE_SIZE = 20;

function whenText(pack: StudyPackSummary): string | null {
  if (pack.publishedAt) return `发布于 ${formatDateTime(pack.publishedAt)}`;
  if (pack.publishAt) return `定于 ${formatDateTime(pack.publishAt)} 发布`;
  return null;
}

function PackRow({ pack }: { pack: StudyPackSummary }) {
  const facts = [
    pack.kind === 'monthly' ? (formatMonth(pack.month) ?? '每月礼包') : '专题礼包',
    `${pack.itemCount} 项内容`,
    whenText(pack),
  ].filter((fact): fact is string => Boolean(fact));
  return (
    <View
      className="card"
      id={`admin-pack-${pack.id}`}
      onClick={() => navigate.to(Routes.studyAdminPack, { id: pack.id })}
    >
      <View className="list-item__head">
        <Text className="list-item__name">{pack.title}</Text>
        <Text className={`status-badge status-badge--${pack.status}`}>{STUDY_PACK_STATUS_LABELS[pack.status]}</Text>
      </View>
      <Text className="list-item__meta">{facts.join(' · ')}</Text>
      <Text className="list-item__meta">{`发给：${STUDY_AUDIENCE_SCOPE_LABELS[pack.audience.scope]}`}</Text>
    </View>
  );
}

function OrgPacks({ org }: { org: OrgView }) {
  const list = usePagedList<StudyPackSummary>(
    (cursor) => listPacks({ orgId: org.id, cursor, limit: PAGE_SIZE }),
    org.id,
  );
  const shownOnce = useRef(false);

  // Back from a pack that was just made, changed or published.
  useDidShow(() => {
    if (shownOnce.current) list.reload();
    shownOnce.current = true;
  });
  usePullDownRefresh(list.reload);
  useReachBottom(list.loadMore);
  useEffect(() => {
    if (list.status !== 'loading') stopPullDownRefresh();
  }, [list.status]);

  return (
    <View>
      <BigButton id="admin-packs-new" onClick={() => navigate.to(Routes.studyAdminPackEdit, { orgId: org.id })}>
        新建学习礼包
      </BigButton>
      <View className="card section">
        <View
          className="info-row"
          id="admin-plans-link"
          onClick={() => navigate.to(Routes.studyAdminPlans, { orgId: org.id })}
        >
          <Text>自主选学计划（年度要求）</Text>
          <Text className="link-card__arrow">›</Text>
        </View>
        <View
          className="info-row"
          id="admin-completion-link"
          onClick={() => navigate.to(Routes.studyAdminCompletion, { orgId: org.id })}
        >
          <Text>学习完成情况</Text>
          <Text className="link-card__arrow">›</Text>
        </View>
      </View>
      <Text className="hint">{`${org.name}及下级组织的学习礼包，最新的在前。`}</Text>
      {list.status === 'loading' ? <LoadingView id="admin-packs-loading" /> : null}
      {list.status === 'failed' ? (
        <ErrorView id="admin-packs-error" message={list.message ?? ''} onRetry={list.reload} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? (
        <EmptyState
          id="admin-packs-empty"
          title="还没有学习礼包"
          description="点击上方“新建学习礼包”，添加图文、音频、视频或文件，发布后党员在手机上学习。"
        />
      ) : null}
      <View className="section">
        {list.items.map((pack) => (
          <PackRow key={pack.id} pack={pack} />
        ))}
      </View>
      <ListFooter
        id="admin-packs"
        count={list.items.length}
        hasMore={list.hasMore}
        loadingMore={list.loadingMore}
        moreError={list.moreError}
        onMore={list.loadMore}
      />
    </View>
  );
}

/** 学习礼包编发: an org's packs (?orgId=, default the caller's first org), and the way to a new one. */
export default function StudyAdminPacksPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <OrgChoiceBar id="admin-packs-orgs" choice={choice} />
      {choice.current ? <OrgPacks key={choice.current.id} org={choice.current} /> : null}
    </View>
  );
}
