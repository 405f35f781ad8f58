import { Text, View } from '@tarojs/components';

export interface SegmentOption<V extends string> {
  value: V;
  label: string;
  id: string;
}

/** Two to four big side-by-side choices, one of them selected (tabs, or "手机号 / 身份证后6位"). */
export function Segmented<V extends string>({
  id,
  options,
  value,
  onChange,
}: {
  id: string;
  options: readonly SegmentOption<V>[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <View className="segmented" id={id}>
      {options.map((option) => {
        const selected = option.value === value;
        return (
          <View
            key={option.value}
            id={option.id}
            className={`segmented__item${selected ? ' segmented__item--selected' : ''}`}
            aria-selected={selected ? 'true' : 'false'}
            onClick={() => {
              if (!selected) onChange(option.value);
            }}
          >
            <Text>{option.label}</Text>
          </View>
        );
      })}
    </View>
  );
}
