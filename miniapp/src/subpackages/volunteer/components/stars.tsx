import { Text, View } from '@tarojs/components';
import { RATING_MAX } from '@pioneer/shared';

const STAR_WORDS = ['', '不满意', '一般', '还可以', '满意', '非常满意'];

/** Five big stars to tap (`#<id>-1` … `#<id>-5`), with the choice in words under them. */
export function StarRating({ id, value, onChange }: { id: string; value: number; onChange: (value: number) => void }) {
  const stars = Array.from({ length: RATING_MAX }, (_, i) => i + 1);
  return (
    <View id={id}>
      <View className="stars">
        {stars.map((n) => (
          <View
            key={n}
            id={`${id}-${n}`}
            className={`star${n <= value ? ' star--on' : ''}`}
            aria-label={`${n} 星`}
            aria-pressed={n === value ? 'true' : 'false'}
            onClick={() => onChange(n)}
          >
            <Text>★</Text>
          </View>
        ))}
      </View>
      <Text className="text" id={`${id}-words`}>
        {value > 0 ? `${value} 星：${STAR_WORDS[value]}` : '请点星星打分'}
      </Text>
    </View>
  );
}
