import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { FLOW_STATUS_LABELS, type LedgerRollupView, type OrgView, type StatusCount } from '@pioneer/shared';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate } from '../../../../platform';
import { Routes } from '../../../../routes';
import { downloadLedgerExport, fetchRollup } from '../../../../services/ledgers';
import { listOrgChildren } from '../../../../services/orgs';
import { BarList, type Bar } from '../../components/bar-list';
import { DownloadButton } from '../../components/download-button';
import { OrgTabs, useOrgChoice } from '../../components/org-choice';
import '../../org.css';

const statusBars = (counts: readonly StatusCount[]): Bar[] =>
  counts.map(({ status, count }) => ({ key: status, label: FLOW_STATUS_LABELS[status], count }));

function Rollup({ rollup }: { rollup: LedgerRollupView }) {
  return (
    <View id="rollup-view">
      <View className="card">
        <Text className="title" id="rollup-org-name">
          {rollup.orgName}
        </Text>
        <View className="stat-row">
          <View className="stat">
            <Text className="stat__value" id="rollup-total-members">
              {rollup.totalMembers}
            </Text>
            <Text className="stat__label">党员总数</Text>
          </View>
          <View className="stat">
            <Text className="stat__value" id="rollup-unclear-members">
              {rollup.unclearMembers}
            </Text>
            <Text className="stat__label">四清不清</Text>
          </View>
        </View>
      </View>
      <View className="card">
        <Text className="subtitle">流出党员（按状态）</Text>
        <BarList id="rollup-outflow-status" bars={statusBars(rollup.outflowByStatus)} emptyText="暂无流出记录" />
      </View>
      <View className="card">
        <Text className="subtitle">流入党员（按状态）</Text>
        <BarList id="rollup-inflow-status" bars={statusBars(rollup.inflowByStatus)} emptyText="暂无流入记录" />
      </View>
      <View className="card">
        <Text className="subtitle">在外党员去向（地区代码）</Text>
        <BarList
          id="rollup-destination"
          bars={rollup.outflowByDestination.map(({ regionCode, count }) => ({
            key: regionCode ?? 'none',
            label: regionCode ?? '未填写',
            count,
          }))}
          emptyText="暂无在外党员"
        />
      </View>
      <View className="card">
        <Text className="subtitle">在外党员从事行业</Text>
        <BarList
          id="rollup-industry"
          bars={rollup.outflowByIndustry.map(({ industry, count }, index) => ({
            key: String(index),
            label: industry ?? '未填写',
            count,
          }))}
          emptyText="暂无在外党员"
        />
      </View>
    </View>
  );
}

/** Links one level down (村/社区, 党支部), each with its own ledger. */
function Children({ org }: { org: OrgView }) {
  const { state, reload } = useLoader(
    () => listOrgChildren(org.id).then((children) => children.filter((child) => child.level !== 'group')),
    org.id,
  );
  if (state.status === 'loading') return <LoadingView id="rollup-children-loading" />;
  if (state.status === 'failed')
    return <ErrorView id="rollup-children-error" message={state.message} onRetry={reload} />;
  if (state.data.length === 0) return null;
  return (
    <View className="card" id="rollup-children">
      <Text className="subtitle">下级组织台账</Text>
      {state.data.map((child) => (
        <View
          key={child.id}
          id={`rollup-child-${child.id}`}
          className="info-row"
          onClick={() => navigate.to(Routes.orgRollup, { orgId: child.id })}
        >
          <Text>{child.name}</Text>
          <Text className="link-card__arrow">›</Text>
        </View>
      ))}
    </View>
  );
}

function OrgRollup({ org }: { org: OrgView }) {
  const { state, reload } = useLoader(() => fetchRollup(org.id), org.id);
  return (
    <View>
      {state.status === 'loading' ? <LoadingView id="rollup-loading" /> : null}
      {state.status === 'failed' ? <ErrorView id="rollup-error" message={state.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? <Rollup rollup={state.data} /> : null}
      <View className="card">
        <DownloadButton
          id="rollup-export"
          kind="primary"
          fileName={`${org.name}流动党员台账.xlsx`}
          download={() => downloadLedgerExport(org.id)}
        >
          导出台账（Excel）
        </DownloadButton>
        <Text className="hint">导出的身份证号和手机号只显示部分。导出会留下记录。</Text>
        <View
          className="info-row"
          id="rollup-import-link"
          onClick={() => navigate.to(Routes.orgImport, { orgId: org.id })}
        >
          <Text>导入党员名册</Text>
          <Text className="link-card__arrow">›</Text>
        </View>
        <View
          className="info-row"
          id="rollup-audit-link"
          onClick={() => navigate.to(Routes.orgAudit, { orgId: org.id })}
        >
          <Text>操作记录</Text>
          <Text className="link-card__arrow">›</Text>
        </View>
      </View>
      <Children org={org} />
    </View>
  );
}

/** 台账汇总 for one org (?orgId=, default the caller's first): counts by status, destination and industry. */
export default function RollupPage() {
  const session = useRequiredSession();
  const choice = useOrgChoice(useRouter().params.orgId);

  if (!session) return <LoadingView />;
  const { orgs, current } = choice;

  return (
    <View className="page">
      {orgs.status === 'loading' ? <LoadingView id="rollup-orgs-loading" /> : null}
      {orgs.status === 'failed' ? (
        <ErrorView id="rollup-orgs-error" message={orgs.message} onRetry={choice.reload} />
      ) : null}
      <OrgTabs id="rollup-orgs" choice={choice} />
      {orgs.status === 'ready' && !current ? (
        <EmptyState id="rollup-no-org" title="您的账号还没有分配组织" description="请联系系统管理员。" />
      ) : null}
      {current ? <OrgRollup key={current.id} org={current} /> : null}
    </View>
  );
}
