import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Role } from '@pioneer/shared';
import { BigButton } from '../../../../components/big-button';
import { RoleTags } from '../../../../components/role-tags';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { hasAnyRole, isStaff } from '../../../../stores/session';
import { LinkCard } from '../../../../components/link-card';
import { fetchInboxSummary } from '../../../../services/inbox';
import { loadPendingFlows } from '../../pending-flows';
import '../../secretary.css';

function PendingSummary() {
  const { state, reload } = useLoader(loadPendingFlows, '', { auto: false });
  // Every time the console shows: the count changes as items are handled.
  useDidShow(reload);
  if (state.status === 'loading') return <LoadingView id="console-pending-loading" text="正在查看待办…" />;
  if (state.status === 'failed')
    return <ErrorView id="console-pending-error" message={state.message} onRetry={reload} />;
  const count = state.data.items.length;
  if (count === 0) {
    return (
      <EmptyState
        id="console-empty"
        title="暂无待办事项"
        description="党员的外出报告审批、报到确认、结对联系提醒等待办会显示在这里。"
      />
    );
  }
  return (
    <View id="console-pending">
      <Text
        className="text"
        id="console-pending-count"
      >{`有 ${count}${state.data.truncated ? '+' : ''} 项等您处理`}</Text>
      <Text className="hint">外出报告审批、报到确认和流入地登记的党员确认。</Text>
      <BigButton id="console-pending-link" onClick={() => navigate.to(Routes.secretaryPending)}>
        去处理待办
      </BigButton>
    </View>
  );
}

/** 消息, with the to-dos still open when the summary could be read (a failure just leaves the count out). */
function InboxCard({ withCount }: { withCount: boolean }) {
  const { state, reload } = useLoader(fetchInboxSummary, '', { auto: false });
  useDidShow(() => {
    if (withCount) reload();
  });
  const open = withCount && state.status === 'ready' ? state.data.openTodos : 0;
  return (
    <LinkCard
      id="console-inbox-link"
      title={open > 0 ? `消息（${open} 项待办）` : '消息'}
      description="报到、审批结果等通知和需要您处理的待办"
      onClick={() => navigate.to(Routes.inbox)}
    />
  );
}

export default function SecretaryConsolePage() {
  const session = useRequiredSession();
  if (!session) return <LoadingView />;
  const { account } = session;

  if (!isStaff(account)) {
    return (
      <View className="page">
        <View className="card">
          <EmptyState
            id="console-forbidden"
            title="没有访问权限"
            description="书记工作台供支部书记、支委和组织部门工作人员使用。"
          />
          <BigButton id="console-home" kind="secondary" onClick={() => navigate.to(Routes.home)}>
            返回首页
          </BigButton>
        </View>
      </View>
    );
  }

  const branchWork = hasAnyRole(account, [Role.BRANCH_SECRETARY, Role.BRANCH_COMMITTEE, Role.ORG_ADMIN]);
  const ledgers = hasAnyRole(account, [Role.ORG_ADMIN]);
  const audit = hasAnyRole(account, [Role.ORG_ADMIN, Role.SYSTEM_ADMIN]);
  const keys = hasAnyRole(account, [Role.SYSTEM_ADMIN]);
  // Reports and suggestions are read and answered by the branch secretary and org admins (not committee members).
  const manage = hasAnyRole(account, [Role.BRANCH_SECRETARY, Role.ORG_ADMIN]);

  return (
    <View className="page">
      <View className="card" id="console-account">
        <Text className="hint">当前登录</Text>
        <Text className="title" id="console-name">
          {account.displayName}
        </Text>
        <RoleTags roles={account.roles} />
      </View>
      {branchWork ? (
        <>
          <View className="card">
            <Text className="subtitle">待办事项</Text>
            <PendingSummary />
          </View>
          <LinkCard
            id="console-roster-link"
            title="党员名册"
            description="本支部党员和流入党员，按姓名、手机号或身份证号查找"
            onClick={() => navigate.to(Routes.secretaryRoster)}
          />
          <LinkCard
            id="console-unclear-link"
            title="四清不清名单"
            description="基本情况、流动时间、去向、行业未核实或超期的党员"
            onClick={() => navigate.to(Routes.secretaryUnclear)}
          />
          <LinkCard
            id="console-activities-link"
            title="活动签到"
            description="发起三会一课、主题党日等活动，打开签到大屏，查看签到情况"
            onClick={() => navigate.to(Routes.secretaryActivities)}
          />
          <LinkCard
            id="console-branch-code-link"
            title="本支部先锋码"
            description="流入党员扫码报到用的二维码和报到码，下载海报打印张贴"
            onClick={() => navigate.to(Routes.secretaryBranchCode)}
          />
          <LinkCard
            id="console-scan-member-link"
            title="扫党员码"
            description="党员出示个人先锋码，代为登记到本支部报到"
            onClick={() => navigate.to(Routes.secretaryScanMember)}
          />
        </>
      ) : null}
      {branchWork ? (
        <LinkCard
          id="console-pairing-mine-link"
          title="我的结对党员"
          description="结对联系的党员，逾期未联系的在前；记录电话、微信、走访情况"
          onClick={() => navigate.to(Routes.pairingMine)}
        />
      ) : null}
      {hasAnyRole(account, [Role.BRANCH_SECRETARY, Role.ORG_ADMIN]) ? (
        <>
          <LinkCard
            id="console-pairing-link"
            title="结对联系安排"
            description="为支委委员安排结对联系的党员（一对一或一对多）"
            onClick={() => navigate.to(Routes.pairingBranch)}
          />
          <LinkCard
            id="console-lost-link"
            title="疑似失联党员"
            description="长时间没有联系、签到和学习的外出党员，核实后确认失联或排除"
            onClick={() => navigate.to(Routes.pairingLost)}
          />
        </>
      ) : null}
      {branchWork ? (
        <>
          <LinkCard
            id="console-feedback-due-link"
            title="表现反馈（流入党员）"
            description="每期把流入党员参加活动、学习的情况反馈给流出地党组织"
            onClick={() => navigate.to(Routes.feedbackDue)}
          />
          <LinkCard
            id="console-feedback-received-link"
            title="收到的表现反馈"
            description="流入地党组织发来的本支部外出党员表现情况，阅后签收存档"
            onClick={() => navigate.to(Routes.feedbackReceived)}
          />
          <LinkCard
            id="console-evaluation-link"
            title="民主评议"
            description="组织年度民主评议，汇总自评、流入地反馈和学习情况，记录评定结果"
            onClick={() => navigate.to(Routes.evaluationRounds)}
          />
        </>
      ) : null}
      <InboxCard withCount={branchWork} />
      {ledgers ? (
        <LinkCard
          id="console-study-link"
          title="学习礼包"
          description="编发每月学习礼包和专题礼包，制定自主选学计划，查看推送情况"
          onClick={() => navigate.to(Routes.studyAdminPacks)}
        />
      ) : null}
      {branchWork ? (
        <LinkCard
          id="console-holidays-link"
          title="返乡过节党员"
          description="近期回家过节的本支部外出党员，安排乡情恳谈会和返乡补学"
          onClick={() => navigate.to(Routes.secretaryHolidays)}
        />
      ) : null}
      {branchWork ? (
        <LinkCard
          id="console-duties-link"
          title="责任清单进度"
          description="双向共管中流出地、流入地和党员本人三张责任清单的完成和逾期情况"
          onClick={() => navigate.to(Routes.dutiesProgress)}
        />
      ) : null}
      {branchWork ? (
        <LinkCard
          id="console-study-completion-link"
          title="学习完成情况"
          description="本组织和下级组织按计划学习的人数，不列个人姓名"
          onClick={() => navigate.to(Routes.studyAdminCompletion)}
        />
      ) : null}
      {ledgers ? (
        <>
          <LinkCard
            id="console-rollup-link"
            title="流动党员台账"
            description="按状态、去向、行业汇总，导出 Excel"
            onClick={() => navigate.to(Routes.orgRollup)}
          />
          <LinkCard
            id="console-import-link"
            title="导入党员名册"
            description="下载模板，填好后上传，先检查再导入"
            onClick={() => navigate.to(Routes.orgImport)}
          />
        </>
      ) : null}
      {manage ? (
        <>
          <LinkCard
            id="console-reports-link"
            title="党员汇报"
            description="党员提交的思想汇报和组织生活月报告，阅读并回复"
            onClick={() => navigate.to(Routes.reportsToRead)}
          />
          <LinkCard
            id="console-suggestions-link"
            title="建言献策办理"
            description="党员给家乡提的建议：答复、跟踪办理状态"
            onClick={() => navigate.to(Routes.reportsReceived)}
          />
          <LinkCard
            id="console-greeting-link"
            title="节日问候"
            description="春节、中秋、七一等节日，给全体流动党员发问候"
            onClick={() => navigate.to(Routes.reportsGreeting)}
          />
        </>
      ) : null}
      {audit ? (
        <LinkCard
          id="console-audit-link"
          title="操作记录"
          description="查看完整信息、审批、导入导出等操作的留痕"
          onClick={() => navigate.to(Routes.orgAudit)}
        />
      ) : null}
      {keys ? (
        <LinkCard
          id="console-code-keys-link"
          title="签名密钥"
          description="流动先锋码的签名密钥：生成新版本、停用旧版本"
          onClick={() => navigate.to(Routes.orgCodeKeys)}
        />
      ) : null}
      {manage ? (
        <LinkCard
          id="console-points-review-link"
          title="积分审核"
          description="党员获得的积分入账前审核，设置是否需要审核"
          onClick={() => navigate.to(Routes.pointsReview)}
        />
      ) : null}
      {hasAnyRole(account, [Role.ORG_ADMIN, Role.COMMUNITY_STAFF]) ? (
        <LinkCard
          id="console-points-benefits-link"
          title="积分兑换权益"
          description="添加可用积分兑换的权益，补充库存，上架或下架"
          onClick={() => navigate.to(Routes.pointsBenefits)}
        />
      ) : null}
      <LinkCard
        id="console-points-fulfil-link"
        title="权益核销"
        description="扫描党员出示的兑换码，核销兑换的权益"
        onClick={() => navigate.to(Routes.pointsFulfil)}
      />
      {hasAnyRole(account, [Role.COMMUNITY_STAFF, Role.BRANCH_SECRETARY, Role.ORG_ADMIN]) ? (
        <LinkCard
          id="console-volunteer-link"
          title="志愿服务"
          description="发布服务需求，查看推荐的志愿者、报名和服务记录；组织部门可查看雁归人才库"
          onClick={() => navigate.to(Routes.volunteerHub)}
        />
      ) : null}
      {!branchWork && !audit ? (
        <View className="card">
          <EmptyState id="console-empty" title="暂无待办事项" description="您的账号目前没有需要处理的事项。" />
        </View>
      ) : null}
    </View>
  );
}
