import { Text, View } from '@tarojs/components';

/** A whole card that opens another screen. */
export function LinkCard({
  id,
  title,
  description,
  onClick,
}: {
  id: string;
  title: string;
  description: string;
  onClick: () => void;
}) {
  return (
    <View className="card link-card" id={id} onClick={onClick}>
      <View>
        <Text className="subtitle">{title}</Text>
        <Text className="hint">{description}</Text>
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}
