import { Text, View } from '@tarojs/components';
import { STUDY_ITEM_KIND_LABELS, type MyStudyItem, type MyStudyPack, type MyStudyPlan } from '@pioneer/shared';
import { formatHours, formatMonth, itemProgressText, quizScoreText, share } from './study-progress';

/** A bar filled to `value` (0–1); green once done. Styles in study-views.css. */
export function ProgressBar({ id, value, done = false }: { id?: string; value: number; done?: boolean }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <View className="progress" id={id} data-percent={percent}>
      <View className={`progress__fill${done ? ' progress__fill--done' : ''}`} style={{ width: `${percent}%` }} />
    </View>
  );
}

/** One item of a pack as a row to tap: its kind, title, minutes studied against the minimum, 已完成. */
export function StudyItemRow({ item, onOpen }: { item: MyStudyItem; onOpen: (item: MyStudyItem) => void }) {
  return (
    <View
      className={`study-item${item.finished ? ' study-item--finished' : ''}`}
      id={`study-item-${item.id}`}
      onClick={() => onOpen(item)}
    >
      <View className="study-item__head">
        <Text className="kind-tag">{STUDY_ITEM_KIND_LABELS[item.kind] ?? item.kind}</Text>
        <Text className="study-item__title">{item.title}</Text>
        <Text className="link-card__arrow">›</Text>
      </View>
      {item.finished ? (
        <Text className="study-item__done" id={`study-item-${item.id}-done`}>
          ✓ 已完成
        </Text>
      ) : (
        <Text className="study-item__progress" id={`study-item-${item.id}-progress`}>
          {itemProgressText(item.effectiveSeconds, item.minSeconds)}
        </Text>
      )}
      <ProgressBar value={share(item.effectiveSeconds, item.minSeconds)} done={item.finished} />
      {item.hasQuiz ? (
        <Text className="hint" id={`study-item-${item.id}-quiz`}>
          {item.quizScore === null ? '含小测验' : `小测验 ${quizScoreText(item.quizScore)}`}
        </Text>
      ) : null}
    </View>
  );
}

/** A delivered pack: title, month, summary, how many items are done, and the items. */
export function StudyPackCard({
  id,
  pack,
  onOpenItem,
}: {
  id: string;
  pack: MyStudyPack;
  onOpenItem: (item: MyStudyItem, pack: MyStudyPack) => void;
}) {
  const month = formatMonth(pack.month);
  const total = pack.items.length;
  return (
    <View className="card" id={id}>
      {month ? <Text className="hint">{`${month}学习礼包`}</Text> : null}
      <Text className="title" id={`${id}-title`}>
        {pack.title}
      </Text>
      {pack.summary ? <Text className="text study-summary">{pack.summary}</Text> : null}
      <Text className={pack.finishedItems >= total && total > 0 ? 'success-text' : 'hint'} id={`${id}-count`}>
        {total === 0
          ? '这个礼包还没有内容'
          : pack.finishedItems >= total
            ? `${total} 项内容全部学完了`
            : `已完成 ${pack.finishedItems} / ${total} 项`}
      </Text>
      <View className="study-items">
        {pack.items.map((item) => (
          <StudyItemRow key={item.id} item={item} onOpen={(opened) => onOpenItem(opened, pack)} />
        ))}
      </View>
    </View>
  );
}

/** The yearly plan's progress; never compared with anyone else's. */
export function PlanProgress({ id, plan }: { id: string; plan: MyStudyPlan }) {
  const { rule } = plan;
  if (!rule) {
    return (
      <View id={id}>
        <Text className="text" id={`${id}-none`}>
          {`${plan.year} 年的学习计划还没有制定`}
        </Text>
        <Text className="hint">{`今年已学 ${formatHours(plan.hours)} 小时，参加活动 ${plan.activities} 次。`}</Text>
      </View>
    );
  }
  return (
    <View id={id}>
      <Text className="hint">{`${plan.year} 年 · ${rule.orgName}`}</Text>
      <View className="plan-line">
        <View className="plan-line__head">
          <Text>学习时长</Text>
          <Text id={`${id}-hours`}>{`${formatHours(plan.hours)} / ${formatHours(rule.requiredHours)} 小时`}</Text>
        </View>
        <ProgressBar value={share(plan.hours, rule.requiredHours)} done={plan.hours >= rule.requiredHours} />
      </View>
      <View className="plan-line">
        <View className="plan-line__head">
          <Text>参加活动</Text>
          <Text id={`${id}-activities`}>{`${plan.activities} / ${rule.requiredActivities} 次`}</Text>
        </View>
        <ProgressBar
          value={share(plan.activities, rule.requiredActivities)}
          done={plan.activities >= rule.requiredActivities}
        />
      </View>
      <Text className="hint" id={`${id}-expected`}>
        {`按计划应完成 ${formatHours(plan.expectedHoursByNow)} 小时（到今天）`}
      </Text>
      {plan.behind ? (
        <Text className="gentle-note" id={`${id}-behind`}>
          进度落后，抽空学一学
        </Text>
      ) : (
        <Text className="success-text" id={`${id}-on-track`}>
          进度正常，继续保持
        </Text>
      )}
    </View>
  );
}
