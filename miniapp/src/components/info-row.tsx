import { Text, View } from '@tarojs/components';

/** A label on the left, its value on the right; an empty value reads 未填写. */
export function InfoRow({ id, label, value }: { id?: string; label: string; value: string | null | undefined }) {
  return (
    <View className="info-row" id={id}>
      <Text className="info-row__label">{label}</Text>
      <Text className="info-row__value">{value ? value : '未填写'}</Text>
    </View>
  );
}
