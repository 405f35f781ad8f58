import { Text, View } from '@tarojs/components';
import type { FeedbackFacts } from '@pioneer/shared';

interface Cell {
  key: string;
  label: string;
  value: string;
}

/** What the record shows for the period, in big figures; points only when the points ledger answers. */
export function FactGrid({ id, facts }: { id: string; facts: FeedbackFacts }) {
  const cells: Cell[] = [
    { key: 'attendance', label: '参加本支部活动', value: `${facts.activitiesAttended} / ${facts.activitiesHeld} 次` },
    { key: 'checkins', label: '全部签到', value: `${facts.checkinsTotal} 次` },
    { key: 'study', label: '学习时长', value: `${facts.studyHours} 小时` },
    { key: 'items', label: '学完内容', value: `${facts.studyItemsFinished} 项` },
    { key: 'volunteer', label: '志愿服务', value: `${facts.volunteerActivities} 次 · ${facts.volunteerHours} 小时` },
  ];
  if (facts.points !== null) cells.push({ key: 'points', label: '获得积分', value: `${facts.points} 分` });
  return (
    <View className="fact-grid" id={id}>
      {cells.map((cell) => (
        <View key={cell.key} className="fact-cell" id={`${id}-${cell.key}`}>
          <Text className="fact-cell__value">{cell.value}</Text>
          <Text className="fact-cell__label">{cell.label}</Text>
        </View>
      ))}
    </View>
  );
}
