import { Text, View } from '@tarojs/components';
import type { PointsEntryView } from '@pioneer/shared';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../../components/format';
import { entryLabel, signedPoints } from '../points-format';

/** One ledger entry: why, where from, when, and the amount (green earned, red spent, amber waiting). */
export function EntryRow({ entry, action }: { entry: PointsEntryView; action?: ReactNode }) {
  const tone = entry.status === 'posted' ? (entry.amount > 0 ? 'plus' : 'minus') : 'pending';
  return (
    <View className="card" id={`entry-${entry.id}`}>
      <View className="points-row">
        <View className="points-row__main">
          <Text className="subtitle">{entry.reason}</Text>
          <Text className="hint">{`${entryLabel(entry)} · ${formatDateTime(entry.createdAt)}`}</Text>
          {entry.reversedByEntryId ? <Text className="hint">已更正</Text> : null}
        </View>
        <Text className={`points-amount points-amount--${tone}`}>{signedPoints(entry.amount)}</Text>
      </View>
      {action}
    </View>
  );
}
