import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { BranchPairingRow, OrgView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { fetchOrg, listMyOrgs } from '../../../../services/orgs';
import { endPairing, listBranchMembers, listCandidates, pairMembers } from '../../../../services/pairing';
import '../../pairing.css';

/** The branch to arrange: `?branchId=`, else the first branch the caller works for. */
async function branchToArrange(branchId: string | undefined): Promise<OrgView | null> {
  if (branchId) return fetchOrg(branchId);
  return (await listMyOrgs()).find((o) => o.level === 'branch') ?? null;
}

function Arrange({ branch }: { branch: OrgView }) {
  const [version, setVersion] = useState(0);
  const candidates = useLoader(() => listCandidates(branch.id), `${branch.id}/${version}`);
  const members = useLoader(() => listBranchMembers(branch.id), `${branch.id}/${version}`);
  const [committee, setCommittee] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [ending, setEnding] = useState<BranchPairingRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (candidates.state.status === 'loading' || members.state.status === 'loading')
    return <LoadingView id="branch-loading" />;
  if (candidates.state.status === 'failed')
    return <ErrorView id="branch-error" message={candidates.state.message} onRetry={candidates.reload} />;
  if (members.state.status === 'failed')
    return <ErrorView id="branch-error" message={members.state.message} onRetry={members.reload} />;

  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const refresh = () => {
    setChosen([]);
    setVersion((v) => v + 1);
  };
  const pair = () => {
    if (!committee) return setProblem('请先选择结对的支委委员');
    if (chosen.length === 0) return setProblem('请选择要结对的党员');
    setBusy(true);
    setProblem(null);
    pairMembers({ committeeAccountId: committee, memberIds: chosen }).then(
      () => {
        setBusy(false);
        showToast('已安排结对', 'success');
        refresh();
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(errorMessage(error));
      },
    );
  };
  const unpair = () => {
    if (!ending?.pairing) return;
    setBusy(true);
    endPairing(ending.pairing.id).then(
      () => {
        setBusy(false);
        setEnding(null);
        showToast('已解除结对', 'success');
        refresh();
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(errorMessage(error));
      },
    );
  };

  return (
    <View>
      <View className="card" id="branch-committee">
        <Text className="subtitle">{`1. 选择支委委员（${branch.name}）`}</Text>
        {candidates.state.data.length === 0 ? (
          <EmptyState
            id="branch-no-committee"
            title="本支部还没有支委委员账号"
            description="请联系组织部门为支委委员开通账号。"
          />
        ) : (
          <View>
            {candidates.state.data.map((c) => (
              <Text
                key={c.accountId}
                id={`committee-${c.accountId}`}
                className={`pair-chip${committee === c.accountId ? ' pair-chip--selected' : ''}`}
                onClick={() => setCommittee(c.accountId)}
              >
                {`${c.displayName}（${c.role === 'branch_secretary' ? '书记' : '支委'}，${c.pairedCount} 人）`}
              </Text>
            ))}
          </View>
        )}
      </View>
      <View className="card" id="branch-members">
        <Text className="subtitle">2. 选择党员（可多选）</Text>
        {members.state.data.items.length === 0 ? (
          <EmptyState id="branch-no-members" title="本支部还没有党员" />
        ) : (
          members.state.data.items.map((row) => (
            <View
              className="pair-row"
              key={row.memberId}
              id={`member-${row.memberId}`}
              onClick={() => toggle(row.memberId)}
            >
              <View className="pair-row__head">
                <Text className="pair-row__name">
                  <Text className="pair-check">{chosen.includes(row.memberId) ? '☑' : '☐'}</Text>
                  {row.memberName}
                </Text>
                <View>
                  {row.away ? <Text className="pair-tag">外出</Text> : null}
                  {row.pairing?.overdue ? <Text className="pair-tag pair-tag--overdue">逾期</Text> : null}
                </View>
              </View>
              <Text className="pair-row__meta">{row.pairing ? `结对：${row.pairing.committeeName}` : '未结对'}</Text>
              {row.pairing ? (
                <View onClick={(event) => event.stopPropagation()}>
                  <BigButton
                    id={`member-${row.memberId}-log`}
                    kind="plain"
                    onClick={() => navigate.to(Routes.pairingMember, { memberId: row.memberId })}
                  >
                    联系记录
                  </BigButton>
                  <BigButton id={`member-${row.memberId}-end`} kind="plain" onClick={() => setEnding(row)}>
                    解除结对
                  </BigButton>
                </View>
              ) : null}
            </View>
          ))
        )}
      </View>
      {problem && !ending ? (
        <Text className="error-text" id="branch-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="branch-pair" busy={busy && !ending} busyText="正在提交…" onClick={pair}>
        {chosen.length > 0 ? `安排结对（${chosen.length} 人）` : '安排结对'}
      </BigButton>
      <BigButton id="branch-lost" kind="secondary" onClick={() => navigate.to(Routes.pairingLost)}>
        疑似失联党员
      </BigButton>
      {ending ? (
        <ConfirmSheet
          id="branch-end-sheet"
          title={`解除${ending.memberName}的结对？`}
          message={`解除后${ending.pairing?.committeeName ?? ''}不再负责联系，结对记录会保留。`}
          confirmText="解除结对"
          busy={busy}
          problem={problem}
          onConfirm={unpair}
          onCancel={() => {
            setEnding(null);
            setProblem(null);
          }}
        />
      ) : null}
    </View>
  );
}

/** 结对联系安排 (?branchId=): the secretary pairs committee members with the branch's members, one to one or one to many. */
export default function PairingBranchPage() {
  const session = useRequiredSession();
  const branchId = useRouter().params.branchId;
  const branch = useLoader(() => branchToArrange(branchId), branchId ?? '');
  if (!session || branch.state.status === 'loading') return <LoadingView id="branch-loading" />;
  if (branch.state.status === 'failed')
    return <ErrorView id="branch-error" message={branch.state.message} onRetry={branch.reload} />;
  if (!branch.state.data)
    return (
      <View className="page">
        <View className="card">
          <EmptyState id="branch-none" title="您的账号没有所在党支部" description="结对联系由党支部书记安排。" />
        </View>
      </View>
    );
  return (
    <View className="page">
      <Arrange branch={branch.state.data} />
    </View>
  );
}
