import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  CONTACT_METHOD_LABELS,
  CONTACT_METHODS,
  CONTACT_NOTE_MAX,
  type ContactLogEntry,
  type MemberPairingView,
} from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { formatDateTime, todayIso } from '../../../../components/format';
import { EmptyState, ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { showToast } from '../../../../platform';
import { DateField } from '../../../../platform/date-field';
import { errorMessage } from '../../../../services/http';
import { fetchMemberPairing, listContacts, logContact } from '../../../../services/pairing';
import { contactRequest, type ContactForm } from '../../contact-form';
import '../../pairing.css';

function Current({ view }: { view: MemberPairingView }) {
  const p = view.current;
  return (
    <View className="card" id="member-pairing">
      <Text className="title">{view.memberName}</Text>
      {p ? (
        <>
          <Text
            className="text"
            id="member-committee"
          >{`结对支委：${p.committeeName}${p.abroad ? '（境外党员）' : ''}`}</Text>
          <Text className="text" id="member-due">
            {p.overdue ? `联系已逾期（应在 ${p.nextDueOn} 前联系）` : `下次应在 ${p.nextDueOn} 前联系`}
          </Text>
        </>
      ) : (
        <Text className="text" id="member-unpaired">
          目前没有结对支委
        </Text>
      )}
    </View>
  );
}

function LogForm({ memberId, onLogged }: { memberId: string; onLogged: () => void }) {
  const today = todayIso();
  const [form, setForm] = useState<ContactForm>({
    method: null,
    reached: true,
    day: today,
    note: '',
    nextContactOn: '',
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set =
    <K extends keyof ContactForm>(key: K) =>
    (value: ContactForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const submit = () => {
    const checked = contactRequest(form, today);
    if (!checked.ok) return setProblem(checked.problem);
    setBusy(true);
    setProblem(null);
    logContact(memberId, checked.request).then(
      () => {
        setBusy(false);
        setForm({ method: null, reached: true, day: today, note: '', nextContactOn: '' });
        showToast('已记录', 'success');
        onLogged();
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(errorMessage(error));
      },
    );
  };
  return (
    <View className="card" id="log-form">
      <Text className="subtitle">记录一次联系</Text>
      <View className="field">
        <Text className="field__label">联系方式</Text>
        <View>
          {CONTACT_METHODS.map((m) => (
            <Text
              key={m}
              id={`log-method-${m}`}
              className={`pair-chip${form.method === m ? ' pair-chip--selected' : ''}`}
              onClick={() => set('method')(m)}
            >
              {CONTACT_METHOD_LABELS[m]}
            </Text>
          ))}
        </View>
      </View>
      <View className="field">
        <Text className="field__label">是否联系上</Text>
        <View>
          <Text
            id="log-reached-yes"
            className={`pair-chip${form.reached ? ' pair-chip--selected' : ''}`}
            onClick={() => set('reached')(true)}
          >
            联系上了
          </Text>
          <Text
            id="log-reached-no"
            className={`pair-chip${!form.reached ? ' pair-chip--selected' : ''}`}
            onClick={() => set('reached')(false)}
          >
            没联系上
          </Text>
        </View>
      </View>
      <View className="field">
        <Text className="field__label">联系日期</Text>
        <DateField id="log-day" value={form.day} placeholder="选择日期" end={today} onChange={set('day')} />
      </View>
      <View className="field">
        <Text className="field__label">联系情况（选填，仅本支部可见）</Text>
        <Textarea
          id="log-note"
          className="field__textarea"
          maxlength={CONTACT_NOTE_MAX}
          value={form.note}
          onInput={(event) => set('note')(event.detail.value)}
        />
      </View>
      <View className="field">
        <Text className="field__label">计划下次联系（选填）</Text>
        <DateField
          id="log-next"
          value={form.nextContactOn}
          placeholder="选择日期"
          start={today}
          onChange={set('nextContactOn')}
        />
      </View>
      {problem ? (
        <Text className="error-text" id="log-problem">
          {problem}
        </Text>
      ) : null}
      <BigButton id="log-submit" busy={busy} busyText="正在提交…" onClick={submit}>
        保存联系记录
      </BigButton>
    </View>
  );
}

function History({ memberId, version }: { memberId: string; version: number }) {
  const { state, reload } = useLoader(() => listContacts(memberId), `${memberId}/${version}`);
  if (state.status === 'loading') return <LoadingView id="history-loading" />;
  if (state.status === 'failed') return <ErrorView id="history-error" message={state.message} onRetry={reload} />;
  if (state.data.items.length === 0)
    return (
      <View className="card">
        <EmptyState id="history-empty" title="还没有联系记录" description="每次电话、微信、走访或书信后记一笔。" />
      </View>
    );
  return (
    <View className="card" id="history">
      <Text className="subtitle">联系记录</Text>
      {state.data.items.map((e: ContactLogEntry) => (
        <View className="pair-row" key={e.id} id={`contact-${e.id}`}>
          <View className="pair-row__head">
            <Text className="pair-row__name">{`${CONTACT_METHOD_LABELS[e.method]}${e.reached ? '' : '（未联系上）'}`}</Text>
            <Text className="pair-row__meta">{formatDateTime(e.contactedAt)}</Text>
          </View>
          {e.note ? <Text className="pair-row__meta">{e.note}</Text> : null}
          <Text className="pair-row__meta">
            {`记录人：${e.byName}${e.nextContactOn ? ` · 计划下次：${e.nextContactOn}` : ''}`}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** One member's pairing (?memberId=): who keeps in touch, when contact is due, the log and a form to add to it. */
export default function PairingMemberPage() {
  const session = useRequiredSession();
  const memberId = useRouter().params.memberId ?? '';
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoader(() => fetchMemberPairing(memberId), `${memberId}/${version}`);
  if (!session || state.status === 'loading') return <LoadingView id="member-loading" />;
  if (state.status === 'failed') return <ErrorView id="member-error" message={state.message} onRetry={reload} />;
  const view = state.data;
  return (
    <View className="page">
      <Current view={view} />
      {view.canLog ? (
        <>
          <LogForm memberId={memberId} onLogged={() => setVersion((v) => v + 1)} />
          <History memberId={memberId} version={version} />
        </>
      ) : (
        <View className="card">
          <EmptyState
            id="member-not-paired"
            title="您没有与这位党员结对"
            description="联系记录只有结对支委和支部书记可以查看和填写。"
          />
        </View>
      )}
    </View>
  );
}
