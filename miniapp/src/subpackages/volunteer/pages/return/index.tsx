import { Text, Textarea, View } from '@tarojs/components';
import {
  RETURN_NOTE_MAX,
  RETURN_ROLE_LABELS,
  RETURN_ROLES,
  type ReturnPledgeView,
  type ReturnRole,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime } from '../../../../components/format';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { errorMessage } from '../../../../services/http';
import { fetchMyReturn, pledgeReturn, withdrawReturn } from '../../../../services/volunteer';
import { UnboundNotice } from '../../components/unbound-notice';
import '../../volunteer.css';

function PledgeForm({
  pledge,
  onSaved,
  onCancel,
}: {
  pledge: ReturnPledgeView;
  onSaved: (pledge: ReturnPledgeView) => void;
  onCancel?: () => void;
}) {
  const [role, setRole] = useState<ReturnRole | null>(pledge.preferredRole);
  const [note, setNote] = useState(pledge.note ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = () => {
    if (!role) {
      setProblem('请选一个您愿意做的事');
      return;
    }
    setBusy(true);
    setProblem(null);
    pledgeReturn(note.trim() ? { preferredRole: role, note: note.trim() } : { preferredRole: role })
      .then((saved) => {
        showToast('家乡党组织已能看到您的意愿', 'success');
        onSaved(saved);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="return-form">
      <Text className="subtitle">回乡后愿意做什么</Text>
      <View className="chips" id="return-roles">
        {RETURN_ROLES.map((r) => (
          <View
            key={r}
            id={`return-role-${r}`}
            className={`chip${role === r ? ' chip--selected' : ''}`}
            aria-pressed={role === r ? 'true' : 'false'}
            onClick={() => setRole(r)}
          >
            <Text>{RETURN_ROLE_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      <View className="field">
        <Text className="field__label">想对家乡党组织说的话（选填）</Text>
        <Textarea
          id="return-note"
          className="field__textarea"
          value={note}
          maxlength={RETURN_NOTE_MAX}
          placeholder="如：在外做了十年水电，愿意回村带大家搞维修合作社"
          onInput={(e) => setNote(e.detail.value)}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="return-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="return-submit" busy={busy} busyText="正在提交…" onClick={submit}>
        {pledge.active ? '保存' : '我愿意回乡服务'}
      </BigButton>
      {onCancel ? (
        <BigButton id="return-form-cancel" kind="plain" disabled={busy} onClick={onCancel}>
          取消
        </BigButton>
      ) : null}
    </View>
  );
}

/** 雁归: the member says they are willing to come home and serve, and can take it back. */
export default function ReturnPledgePage() {
  const session = useRequiredSession();
  const memberId = session?.account.memberId ?? null;
  const { state, reload, setData } = useLoader(
    () => (memberId ? fetchMyReturn() : Promise.reject(new Error('unbound'))),
    memberId ?? '',
  );
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const withdraw = () => {
    setBusy(true);
    setProblem(null);
    withdrawReturn()
      .then((changed) => {
        showToast('已撤回', 'success');
        setData(changed);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setBusy(false));
  };

  if (!session) return <LoadingView />;
  if (!memberId) {
    return (
      <View className="page">
        <UnboundNotice id="return-unbound" doing="登记回乡服务意愿" />
      </View>
    );
  }
  if (state.status === 'loading') return <LoadingView id="return-loading" />;
  if (state.status === 'failed') return <ErrorView id="return-error" message={state.message} onRetry={reload} />;
  const pledge = state.data;
  return (
    <View className="page">
      <View className="card">
        <Text className="title">雁归：愿意回乡服务</Text>
        <Text className="text">
          在外的党员如果愿意回家乡服务，可以在这里告诉家乡县里的组织部门。您的技能卡和志愿服务记录会一并供他们参考，手机号和身份证号不会给出。
        </Text>
      </View>
      {pledge.active && !editing ? (
        <View className="card" id="return-active">
          <Text className="success-text">{`您已登记回乡服务意愿${pledge.since ? `（${formatDateTime(pledge.since)} 起）` : ''}`}</Text>
          {pledge.preferredRole ? (
            <Text
              className="text"
              id="return-active-role"
            >{`愿意做：${RETURN_ROLE_LABELS[pledge.preferredRole]}`}</Text>
          ) : null}
          {pledge.note ? <Text className="vol-quote">{pledge.note}</Text> : null}
          {problem ? (
            <Text className="error-text" id="return-problem">
              {problem}
            </Text>
          ) : null}
          <BigButton id="return-edit" kind="secondary" disabled={busy} onClick={() => setEditing(true)}>
            修改
          </BigButton>
          <BigButton id="return-withdraw" kind="plain" busy={busy} busyText="正在撤回…" onClick={withdraw}>
            撤回意愿
          </BigButton>
        </View>
      ) : (
        <PledgeForm
          pledge={pledge}
          onSaved={(saved) => {
            setEditing(false);
            setData(saved);
          }}
          onCancel={editing ? () => setEditing(false) : undefined}
        />
      )}
    </View>
  );
}
