import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { PAIRING_REASON_MAX, type LostProposalView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { formatDateTime } from '../../../../components/format';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { navigate, showToast } from '../../../../platform';
import { Routes } from '../../../../routes';
import { errorMessage } from '../../../../services/http';
import { confirmLost, dismissLost, listLostProposals } from '../../../../services/pairing';
import '../../pairing.css';

type Deciding = { kind: 'confirm' | 'dismiss'; proposal: LostProposalView } | null;

function ProposalCard({ p, onDecide }: { p: LostProposalView; onDecide: (d: Deciding) => void }) {
  return (
    <View className="card" id={`lost-${p.id}`}>
      <View className="pair-row__head">
        <Text className="pair-row__name">{p.memberName}</Text>
        <Text className="pair-tag pair-tag--overdue">{`${p.silentDays} 天无音讯`}</Text>
      </View>
      <Text className="pair-row__meta">{p.branchName}</Text>
      <Text className="pair-row__meta">
        {p.lastSeenAt
          ? `最后一次联系、签到或学习：${formatDateTime(p.lastSeenAt)}`
          : '外出以来没有联系、签到或学习记录'}
      </Text>
      {p.failedAttempts > 0 ? <Text className="pair-row__meta">{`此后联系未果 ${p.failedAttempts} 次`}</Text> : null}
      <BigButton
        id={`lost-${p.id}-log`}
        kind="plain"
        onClick={() => navigate.to(Routes.pairingMember, { memberId: p.memberId })}
      >
        查看联系记录
      </BigButton>
      <BigButton id={`lost-${p.id}-confirm`} onClick={() => onDecide({ kind: 'confirm', proposal: p })}>
        确认失联
      </BigButton>
      <BigButton
        id={`lost-${p.id}-dismiss`}
        kind="secondary"
        onClick={() => onDecide({ kind: 'dismiss', proposal: p })}
      >
        排除（已有音讯）
      </BigButton>
    </View>
  );
}

/** 疑似失联党员: the scan's proposals for the secretary, each confirmed (the flow is marked lost) or dismissed with a reason. */
export default function LostProposalsPage() {
  const session = useRequiredSession();
  const { state, reload, setData } = useLoader(() => listLostProposals(), '', { auto: false });
  useDidShow(reload);
  const [deciding, setDeciding] = useState<Deciding>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!session || state.status === 'loading') return <LoadingView id="lost-loading" />;
  if (state.status === 'failed') return <ErrorView id="lost-error" message={state.message} onRetry={reload} />;

  const close = () => {
    setDeciding(null);
    setReason('');
    setProblem(null);
  };
  const decide = () => {
    if (!deciding) return;
    const trimmed = reason.trim();
    if (deciding.kind === 'dismiss' && !trimmed) return setProblem('请说明排除的理由，例如已通过家属联系上');
    setBusy(true);
    const call =
      deciding.kind === 'confirm'
        ? confirmLost(deciding.proposal.id, trimmed ? { reason: trimmed } : {})
        : dismissLost(deciding.proposal.id, { reason: trimmed });
    call.then(
      () => {
        setBusy(false);
        setData({ items: state.data.items.filter((p) => p.id !== deciding.proposal.id) });
        showToast(deciding.kind === 'confirm' ? '已确认失联' : '已排除', 'success');
        close();
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(errorMessage(error));
      },
    );
  };

  return (
    <View className="page">
      {state.data.items.length === 0 ? (
        <View className="card">
          <EmptyState
            id="lost-empty"
            title="没有疑似失联的党员"
            description="外出党员长时间没有联系、签到和学习时，会在这里提醒您核实。"
          />
        </View>
      ) : (
        state.data.items.map((p) => <ProposalCard key={p.id} p={p} onDecide={setDeciding} />)
      )}
      {deciding?.kind === 'confirm' ? (
        <ConfirmSheet
          id="lost-confirm-sheet"
          title={`确认${deciding.proposal.memberName}失联？`}
          message="确认后该党员的流动状态将标记为“失联”，联系上后可在流动记录中恢复。"
          confirmText="确认失联"
          busy={busy}
          problem={problem}
          onConfirm={decide}
          onCancel={close}
        />
      ) : null}
      {deciding?.kind === 'dismiss' ? (
        <View className="sheet-mask" id="lost-dismiss-sheet">
          <View className="sheet">
            <Text className="subtitle">{`排除${deciding.proposal.memberName}的失联提醒`}</Text>
            <Text className="text">请说明理由，一段时间内不再提醒。</Text>
            <Textarea
              id="lost-dismiss-reason"
              className="field__textarea"
              maxlength={PAIRING_REASON_MAX}
              value={reason}
              onInput={(event) => setReason(event.detail.value)}
            />
            {problem ? (
              <Text className="error-text" id="lost-dismiss-problem">
                {problem}
              </Text>
            ) : null}
            <BigButton id="lost-dismiss-submit" busy={busy} busyText="正在提交…" onClick={decide}>
              排除
            </BigButton>
            <BigButton id="lost-dismiss-cancel" kind="plain" disabled={busy} onClick={close}>
              再想想
            </BigButton>
          </View>
        </View>
      ) : null}
    </View>
  );
}
