import { Text, View } from '@tarojs/components';
import type { MemberRevealView } from '@pioneer/shared';
import { BigButton } from '../../../components/big-button';

/** The full ID number and phone, shown until closed and never kept. */
export function RevealSheet({
  name,
  revealed,
  onClose,
}: {
  name: string;
  revealed: MemberRevealView;
  onClose: () => void;
}) {
  return (
    <View className="sheet-mask" id="reveal-sheet" onClick={onClose}>
      <View className="sheet" onClick={(event) => event.stopPropagation()}>
        <Text className="subtitle">{`${name}的完整信息`}</Text>
        <Text className="audit-note" id="reveal-audit-note">
          本次查看已记录
        </Text>
        <Text className="hint">身份证号</Text>
        <Text className="sheet__value" id="reveal-id-number">
          {revealed.idNumber}
        </Text>
        <Text className="hint">手机号</Text>
        <Text className="sheet__value" id="reveal-phone">
          {revealed.phone ?? '未登记'}
        </Text>
        <Text className="hint">请仅用于工作联系，不要截图或转发。</Text>
        <BigButton id="reveal-close" onClick={onClose}>
          关闭
        </BigButton>
      </View>
    </View>
  );
}
