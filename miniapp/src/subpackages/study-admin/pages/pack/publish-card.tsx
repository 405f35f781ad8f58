import { Text, View } from '@tarojs/components';
import { STUDY_AUDIENCE_SCOPE_LABELS, type StudyPackView } from '@pioneer/shared';
import { useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { ConfirmSheet } from '../../../../components/confirm-sheet';
import { formatDateTime, todayIso } from '../../../../components/format';
import { DateField } from '../../../../platform/date-field';
import { TimeField } from '../../../../platform/time-field';
import { errorMessage } from '../../../../services/http';
import { publishPack } from '../../../../services/study';

/** YYYY-MM-DD and HH:mm on this phone → ISO 8601, or what is wrong with them. */
export function publishAtFrom(
  date: string,
  time: string,
  now: Date = new Date(),
): { publishAt: string } | { problem: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return { problem: '请选择发布的日期和时间' };
  const at = new Date(`${date}T${time}:00`);
  if (Number.isNaN(at.getTime())) return { problem: '请选择发布的日期和时间' };
  if (at.getTime() <= now.getTime()) return { problem: '定时发布的时间须在现在之后' };
  return { publishAt: at.toISOString() };
}

type Asking = { kind: 'now' } | { kind: 'scheduled'; publishAt: string } | null;

/** Publish now or at a time; either way the admin confirms on a sheet that says who will receive it. */
export function PublishCard({
  pack,
  onPublished,
}: {
  pack: StudyPackView;
  onPublished: (pack: StudyPackView) => void;
}) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [sheetProblem, setSheetProblem] = useState<string | null>(null);
  const empty = pack.items.length === 0;
  const audience = `${pack.ownerOrgName}${pack.audience.orgId === pack.ownerOrgId ? '' : '下级组织'}的${STUDY_AUDIENCE_SCOPE_LABELS[pack.audience.scope]}`;

  const askSchedule = () => {
    const chosen = publishAtFrom(date, time);
    if ('problem' in chosen) {
      setProblem(chosen.problem);
      return;
    }
    setProblem(null);
    setAsking({ kind: 'scheduled', publishAt: chosen.publishAt });
  };

  const confirm = () => {
    if (!asking) return;
    setBusy(true);
    setSheetProblem(null);
    publishPack(pack.id, asking.kind === 'scheduled' ? asking.publishAt : undefined)
      .then((published) => {
        setAsking(null);
        onPublished(published);
      })
      .catch((cause: unknown) => setSheetProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="card" id="publish">
      <Text className="subtitle">{pack.status === 'scheduled' ? '更改发布时间' : '发布'}</Text>
      {pack.status === 'scheduled' && pack.publishAt ? (
        <Text className="text" id="publish-scheduled">{`定于 ${formatDateTime(pack.publishAt)} 发布`}</Text>
      ) : null}
      <Text className="hint">{`发给：${audience}。发布后党员会收到站内消息和微信提醒，内容不能再修改。`}</Text>
      {empty ? (
        <Text className="error-text" id="publish-empty">
          请先添加学习内容再发布
        </Text>
      ) : null}
      <BigButton id="publish-now" disabled={empty} onClick={() => setAsking({ kind: 'now' })}>
        立即发布
      </BigButton>
      <View className="section">
        <Text className="field__label">或者定一个发布时间</Text>
        <View className="field">
          <DateField id="publish-date" value={date} placeholder="请选择日期" start={todayIso()} onChange={setDate} />
        </View>
        <View className="field">
          <TimeField id="publish-time" value={time} placeholder="请选择时间" onChange={setTime} />
        </View>
        {problem ? (
          <Text className="error-text" id="publish-problem">
            {problem}
          </Text>
        ) : null}
        <BigButton id="publish-schedule" kind="secondary" disabled={empty} onClick={askSchedule}>
          定时发布
        </BigButton>
      </View>
      {asking ? (
        <ConfirmSheet
          id="publish-sheet"
          title={asking.kind === 'now' ? '现在就发布这个学习礼包？' : `在 ${formatDateTime(asking.publishAt)} 发布？`}
          message={`《${pack.title}》共 ${pack.items.length} 项内容，将发给${audience}。发布后内容不能再修改。`}
          confirmText={asking.kind === 'now' ? '确认发布' : '确认定时发布'}
          busy={busy}
          problem={sheetProblem}
          onConfirm={confirm}
          onCancel={() => {
            setAsking(null);
            setSheetProblem(null);
          }}
        />
      ) : null}
    </View>
  );
}
