import { Text, View } from '@tarojs/components';

export interface Bar {
  key: string;
  label: string;
  count: number;
}

/** Counts as horizontal bars scaled to the largest; plain CSS, no chart library. */
export function BarList({ id, bars, emptyText }: { id: string; bars: readonly Bar[]; emptyText: string }) {
  const shown = bars.filter((bar) => bar.count > 0);
  if (shown.length === 0) {
    return (
      <Text className="hint" id={`${id}-empty`}>
        {emptyText}
      </Text>
    );
  }
  const max = Math.max(...shown.map((bar) => bar.count));
  return (
    <View className="bars" id={id}>
      {shown.map((bar) => (
        <View className="bar" key={bar.key} id={`${id}-${bar.key}`}>
          <View className="bar__head">
            <Text>{bar.label}</Text>
            <Text className="bar__count">{bar.count}</Text>
          </View>
          <View className="bar__track">
            <View className="bar__fill" style={{ width: `${Math.max(2, Math.round((bar.count / max) * 100))}%` }} />
          </View>
        </View>
      ))}
    </View>
  );
}
