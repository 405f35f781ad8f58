import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { AccountKind, Role, type AccountView, type MyStudyItem, type MyStudyPack } from '@pioneer/shared';
import { useEffect, useRef } from 'react';
import { BigButton } from '../../components/big-button';
import { EmptyState, ErrorView, LoadingView } from '../../components/state-views';
import { monthOf } from '../../components/study-progress';
import { PlanProgress, StudyPackCard } from '../../components/study-views';
import { useLoader } from '../../components/use-loader';
import { useRequiredSession } from '../../components/use-required-session';
import { navigate } from '../../platform';
import { stopPullDownRefresh } from '../../platform/pull-down';
import { Routes, type Route } from '../../routes';
import { fetchMyPlan, listMyPacks } from '../../services/study';
import { hasAnyRole } from '../../stores/session';
import '../../components/study-views.css';

/** Enough of the newest packs to find this month's, even when several orgs send one. */
const RECENT_PACKS = 10;

function LinkRow({ id, title, route }: { id: string; title: string; route: Route }) {
  return (
    <View className="info-row" id={id} onClick={() => navigate.to(route)}>
      <Text>{title}</Text>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}

/** For staff: where packs are written and completion is followed. */
function StaffLinks({ account }: { account: AccountView }) {
  const admin = hasAnyRole(account, [Role.ORG_ADMIN]);
  const oversight = hasAnyRole(account, [Role.ORG_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE]);
  if (!admin && !oversight) return null;
  return (
    <View className="card" id="study-staff">
      <Text className="subtitle">学习管理</Text>
      {admin ? <LinkRow id="study-admin-packs" title="学习礼包编发" route={Routes.studyAdminPacks} /> : null}
      {admin ? <LinkRow id="study-admin-plans" title="自主选学计划" route={Routes.studyAdminPlans} /> : null}
      {oversight ? (
        <LinkRow id="study-admin-completion" title="学习完成情况" route={Routes.studyAdminCompletion} />
      ) : null}
    </View>
  );
}

function MemberStudy() {
  const month = monthOf(new Date());
  const packs = useLoader(() => listMyPacks(undefined, RECENT_PACKS));
  const plan = useLoader(fetchMyPlan);
  const shownOnce = useRef(false);

  // Back from reading: minutes and 已完成 have moved on. Refreshed quietly, without a loading screen.
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true;
      return;
    }
    listMyPacks(undefined, RECENT_PACKS)
      .then(packs.setData)
      .catch(() => undefined);
    fetchMyPlan()
      .then(plan.setData)
      .catch(() => undefined);
  });
  usePullDownRefresh(() => {
    packs.reload();
    plan.reload();
  });
  const settled = packs.state.status !== 'loading' && plan.state.status !== 'loading';
  useEffect(() => {
    if (settled) stopPullDownRefresh();
  }, [settled]);

  const open = (item: MyStudyItem, pack: MyStudyPack) =>
    navigate.to(Routes.studyItem, { id: item.id, packId: pack.id });
  const thisMonth = packs.state.status === 'ready' ? packs.state.data.items.filter((pack) => pack.month === month) : [];

  return (
    <View>
      {packs.state.status === 'loading' ? <LoadingView id="study-packs-loading" text="正在加载学习礼包…" /> : null}
      {packs.state.status === 'failed' ? (
        <View className="card">
          <ErrorView id="study-packs-error" message={packs.state.message} onRetry={packs.reload} />
        </View>
      ) : null}
      {packs.state.status === 'ready' && thisMonth.length === 0 ? (
        <View className="card">
          <EmptyState
            id="study-empty"
            title="本月学习礼包还没有发布"
            description="党组织发布后会显示在这里，也会发到“消息”里。可以先看看往期礼包。"
          />
        </View>
      ) : null}
      {thisMonth.map((pack) => (
        <StudyPackCard key={pack.id} id={`study-pack-${pack.id}`} pack={pack} onOpenItem={open} />
      ))}

      <View className="card" id="study-plan">
        <Text className="subtitle">我的学习计划</Text>
        {plan.state.status === 'loading' ? <LoadingView id="study-plan-loading" text="正在加载学习计划…" /> : null}
        {plan.state.status === 'failed' ? (
          <ErrorView id="study-plan-error" message={plan.state.message} onRetry={plan.reload} />
        ) : null}
        {plan.state.status === 'ready' ? <PlanProgress id="study-plan-progress" plan={plan.state.data} /> : null}
        <BigButton id="study-plan-link" kind="secondary" onClick={() => navigate.to(Routes.studyPlan)}>
          查看计划，选择选学内容
        </BigButton>
      </View>

      <View className="card">
        <LinkRow id="study-packs-link" title="往期学习礼包" route={Routes.studyPacks} />
        <LinkRow id="study-history-link" title="我的学习记录" route={Routes.studyHistory} />
      </View>
    </View>
  );
}

/** 学习: this month's pack, the yearly plan's progress, and the way to past packs and the history. */
export default function StudyPage() {
  const session = useRequiredSession();
  if (!session) return <LoadingView />;
  const { account } = session;

  if (!account.memberId) {
    return (
      <View className="page">
        {account.kind === AccountKind.MEMBER ? (
          <View className="card" id="study-unbound">
            <EmptyState
              title="还没有绑定党员信息"
              description="在“我的”页面核对姓名和手机号、绑定党员信息后，就能收到党组织发的学习礼包。"
            />
            <BigButton id="study-to-me" kind="secondary" onClick={() => navigate.to(Routes.me)}>
              去绑定
            </BigButton>
          </View>
        ) : null}
        <StaffLinks account={account} />
        {account.kind !== AccountKind.MEMBER &&
        !hasAnyRole(account, [Role.ORG_ADMIN, Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE]) ? (
          <View className="card">
            <EmptyState id="study-empty" title="学习礼包面向党员发放" description="您的账号没有绑定党员信息。" />
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View className="page">
      <MemberStudy />
      <StaffLinks account={account} />
    </View>
  );
}
