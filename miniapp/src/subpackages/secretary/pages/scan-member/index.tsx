import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import {
  ARRIVAL_STAY_LABELS,
  ARRIVAL_STAY_OPTIONS,
  CHECKIN_ANOMALY_LABELS,
  FLOW_STATUS_LABELS,
  type ArrivalFacts,
  type ArrivalResult,
  type CheckinDirection,
  type CheckinResult,
} from '@pioneer/shared';
import { useRef, useState, type ReactNode } from 'react';
import { formatClock } from '../../../../components/activity-time';
import { BigButton } from '../../../../components/big-button';
import { Segmented } from '../../../../components/segmented';
import { ErrorView, LoadingView } from '../../../../components/state-views';
import { useLoader } from '../../../../components/use-loader';
import { useRequiredSession } from '../../../../components/use-required-session';
import { capabilities, scanCode } from '../../../../platform';
import { arriveByPersonalCode, checkinByPersonalCode, fetchActivity } from '../../../../services/activities';
import { errorMessage } from '../../../../services/http';
import { BranchChoiceBar, useBranchChoice } from '../../components/branch-choice';
import { personalCodeFrom } from '../../personal-code';
import '../../secretary.css';
import { EMPTY_FACTS_FORM, factsFrom, type FactsForm } from './facts-form';

/** What one scan became; the newest is shown first, so a queue of members can be handled one after another. */
interface ScanEntry {
  key: number;
  status: 'sending' | 'ok' | 'failed';
  title: string;
  detail: string;
  tags: string[];
}

const NOT_PERSONAL = '这不是党员的个人先锋码，请让党员在小程序“我的”里打开“我的先锋码”再扫';

function checkinEntry(result: CheckinResult, direction: CheckinDirection): Omit<ScanEntry, 'key'> {
  const { checkin } = result;
  const tags = checkin.anomalies.map((anomaly) => CHECKIN_ANOMALY_LABELS[anomaly]);
  if (direction === 'out') {
    return {
      status: 'ok',
      title: `${checkin.memberName} ${result.repeated ? '已签退过' : '签退成功'}`,
      detail: checkin.checkedOutAt
        ? `签退 ${formatClock(checkin.checkedOutAt)}${checkin.minutes !== null ? `，共 ${checkin.minutes} 分钟` : ''}`
        : '',
      tags,
    };
  }
  return {
    status: 'ok',
    title: `${checkin.memberName} ${result.repeated ? '已经签到过' : '签到成功'}`,
    detail: `签到时间 ${formatClock(checkin.checkedInAt)}`,
    tags,
  };
}

function arrivalEntry(result: ArrivalResult): Omit<ScanEntry, 'key'> {
  const { flow } = result;
  return {
    status: 'ok',
    title: `${flow.memberName} ${result.repeated ? '已向本支部报到过' : '报到成功'}`,
    detail: `${flow.sendingBranchName} · ${FLOW_STATUS_LABELS[flow.status]}${flow.status === 'arrived' ? '，请到“待办审批”确认' : ''}`,
    tags: [],
  };
}

function ScanResults({ entries }: { entries: ScanEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <View id="scan-results">
      <Text className="subtitle">{`本次已扫 ${entries.length} 人次`}</Text>
      {entries.map((entry) => (
        <View key={entry.key} className={`card scan-result--${entry.status}`} id={`scan-result-${entry.key}`}>
          <Text className={entry.status === 'failed' ? 'error-text' : 'text'}>{entry.title}</Text>
          {entry.detail ? <Text className="hint">{entry.detail}</Text> : null}
          {entry.tags.length > 0 ? (
            <View className="tags">
              {entry.tags.map((tag) => (
                <Text key={tag} className="tag tag--warning">
                  {tag}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

function FactsFields({ form, onChange }: { form: FactsForm; onChange: (form: FactsForm) => void }) {
  const field = (key: 'residence' | 'employer' | 'occupation' | 'industry', label: string, placeholder: string) => (
    <View className="field">
      <Text className="field__label">{label}</Text>
      <Input
        id={`facts-${key}`}
        className="field__input"
        placeholder={placeholder}
        maxlength={key === 'residence' ? 200 : 100}
        value={form[key]}
        onInput={(event) => onChange({ ...form, [key]: event.detail.value })}
      />
    </View>
  );
  return (
    <View id="facts-form" className="section">
      {field('residence', '现居住地址', '如：璜泾镇杨漕村3组12号')}
      {field('employer', '工作单位（选填）', '个体经营请填“个体”')}
      {field('occupation', '从事工作（选填）', '如：货车司机、电工')}
      {field('industry', '从事行业（选填）', '如：交通运输、建筑装修')}
      <View className="field">
        <Text className="field__label">预计在本地待多久</Text>
        <View className="chips" id="facts-stay">
          {ARRIVAL_STAY_OPTIONS.map((stay) => (
            <View
              key={stay}
              id={`facts-stay-${stay}`}
              className={`chip${form.stay === stay ? ' chip--selected' : ''}`}
              onClick={() => onChange({ ...form, stay })}
            >
              <Text>{ARRIVAL_STAY_LABELS[stay]}</Text>
            </View>
          ))}
        </View>
      </View>
    </View>
  );
}

const DIRECTIONS = [
  { value: 'in', label: '签到', id: 'scan-direction-in' },
  { value: 'out', label: '签退', id: 'scan-direction-out' },
] as const;

/**
 * Scans members' personal codes one after another: attendance at an activity (?activityId=) or
 * 报到 at a branch (?branchId=, default the caller's branch). Each scan is sent at once and the
 * scanner is ready for the next; the results stack up on screen.
 */
function Scanner({
  heading,
  send,
  facts,
  children,
}: {
  heading: string;
  send: (code: string, facts: ArrivalFacts | undefined) => Promise<Omit<ScanEntry, 'key'>>;
  /** Arrival only: the optional 四清 form sent with the next scan. */
  facts?: { form: FactsForm; onChange: (form: FactsForm) => void; open: boolean; onToggle: () => void };
  children?: ReactNode;
}) {
  const [entries, setEntries] = useState<ScanEntry[]>([]);
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const nextKey = useRef(1);

  const put = (key: number, entry: Omit<ScanEntry, 'key'>) =>
    setEntries((before) =>
      before.some((item) => item.key === key)
        ? before.map((item) => (item.key === key ? { ...entry, key } : item))
        : [{ ...entry, key }, ...before],
    );

  /** The facts to send with this scan, or null when the form has a mistake (shown). */
  const factsForScan = (): { facts: ArrivalFacts | undefined } | null => {
    if (!facts?.open) return { facts: undefined };
    const checked = factsFrom(facts.form);
    if (typeof checked === 'string') {
      setProblem(checked);
      return null;
    }
    return { facts: checked };
  };

  const accept = (input: { result: string; path?: string }, withFacts: ArrivalFacts | undefined) => {
    const key = nextKey.current;
    nextKey.current += 1;
    const code = personalCodeFrom(input);
    if (!code) {
      put(key, { status: 'failed', title: NOT_PERSONAL, detail: '', tags: [] });
      return;
    }
    put(key, { status: 'sending', title: '正在登记…', detail: '', tags: [] });
    // This member's facts went with this scan; the next member starts from an empty form.
    if (withFacts && facts) facts.onChange(EMPTY_FACTS_FORM);
    send(code, withFacts).then(
      (entry) => put(key, entry),
      (cause: unknown) => put(key, { status: 'failed', title: errorMessage(cause), detail: '', tags: [] }),
    );
  };

  const scan = () => {
    const checked = factsForScan();
    if (!checked) return;
    setProblem(null);
    setScanning(true);
    scanCode()
      .then((outcome) => {
        if (outcome.kind === 'scanned') accept(outcome, checked.facts);
      })
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setScanning(false));
  };

  const submitTyped = () => {
    if (!typed.trim()) {
      setProblem('请粘贴或输入党员的个人先锋码');
      return;
    }
    const checked = factsForScan();
    if (!checked) return;
    setProblem(null);
    accept({ result: typed }, checked.facts);
    setTyped('');
  };

  return (
    <View>
      <View className="card" id="scan-member">
        <Text className="title">{heading}</Text>
        {children}
        {facts ? (
          <View>
            <BigButton id="facts-toggle" kind="plain" onClick={facts.onToggle}>
              {facts.open ? '不填写四清信息' : '填写四清信息（选填）'}
            </BigButton>
            {facts.open ? <FactsFields form={facts.form} onChange={facts.onChange} /> : null}
          </View>
        ) : null}
        {capabilities.cameraScan ? (
          <BigButton id="scan-member-button" size="huge" busy={scanning} busyText="正在打开相机…" onClick={scan}>
            扫党员码
          </BigButton>
        ) : (
          <View id="scan-member-typed" className="section">
            <Text className="text">当前浏览器不能扫码，请粘贴或输入党员的个人先锋码：</Text>
            <View className="field">
              <Input
                id="scan-member-input"
                className="field__input"
                placeholder="个人先锋码，以 P 开头"
                maxlength={64}
                value={typed}
                onInput={(event) => setTyped(event.detail.value)}
                onConfirm={submitTyped}
              />
            </View>
            <BigButton id="scan-member-submit" onClick={submitTyped}>
              登记
            </BigButton>
          </View>
        )}
        {problem ? (
          <Text className="error-text" id="scan-member-problem">
            {problem}
          </Text>
        ) : null}
        <Text className="hint section">党员在小程序“我的”里打开“我的先锋码”，码每 30 秒更新，请扫最新的。</Text>
      </View>
      <ScanResults entries={entries} />
    </View>
  );
}

function ActivityScanner({ activityId }: { activityId: string }) {
  const { state, reload } = useLoader(() => fetchActivity(activityId), activityId);
  const [direction, setDirection] = useState<CheckinDirection>('in');
  const checkout = state.status === 'ready' && state.data.checkoutEnabled;
  const activeDirection = checkout ? direction : 'in';
  return (
    <Scanner
      heading="扫党员码签到"
      send={(code) =>
        checkinByPersonalCode(activityId, code, activeDirection).then((result) => checkinEntry(result, activeDirection))
      }
    >
      {state.status === 'loading' ? <LoadingView id="scan-activity-loading" /> : null}
      {state.status === 'failed' ? (
        <ErrorView id="scan-activity-error" message={state.message} onRetry={reload} />
      ) : null}
      {state.status === 'ready' ? (
        <Text className="text" id="scan-activity-title">
          {`活动：${state.data.title}`}
        </Text>
      ) : null}
      {checkout ? (
        <View className="section">
          <Segmented id="scan-direction" options={DIRECTIONS} value={direction} onChange={setDirection} />
        </View>
      ) : null}
    </Scanner>
  );
}

function ArrivalScanner({ branchId }: { branchId: string | undefined }) {
  const choice = useBranchChoice(branchId);
  const [form, setForm] = useState<FactsForm>(EMPTY_FACTS_FORM);
  const [open, setOpen] = useState(false);
  const branch = choice.current;
  return (
    <View>
      <BranchChoiceBar id="scan-branches" choice={choice} />
      {branch ? (
        <Scanner
          key={branch.id}
          heading="扫党员码报到"
          send={(code, facts) => arriveByPersonalCode(branch.id, code, facts).then(arrivalEntry)}
          facts={{ form, onChange: setForm, open, onToggle: () => setOpen((before) => !before) }}
        >
          <Text className="text" id="scan-branch-name">{`为党员向“${branch.name}”报到`}</Text>
          <Text className="hint">党员到本地后不方便自己扫码报到时，扫他出示的个人先锋码，代为登记报到。</Text>
        </Scanner>
      ) : null}
    </View>
  );
}

export default function ScanMemberPage() {
  const session = useRequiredSession();
  const { activityId, branchId } = useRouter().params;

  if (!session) return <LoadingView />;

  return (
    <View className="page">
      {activityId ? <ActivityScanner activityId={activityId} /> : <ArrivalScanner branchId={branchId} />}
    </View>
  );
}
