import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../../../components/big-button';
import { errorMessage } from '../../../services/http';
import { setNoSmartphone } from '../../../services/members';

/**
 * 红色邮包: a member without a smartphone gets the monthly study pack by post.
 * The branch marks them here; the org's red-parcel list picks them up.
 */
export function PostalStudy({ memberId, initial }: { memberId: string; initial: boolean }) {
  const [noSmartphone, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = () => {
    setBusy(true);
    setProblem(null);
    setNoSmartphone(memberId, !noSmartphone)
      .then((view) => setValue(view.noSmartphone))
      .catch((cause: unknown) => setProblem(errorMessage(cause)))
      .finally(() => setBusy(false));
  };

  return (
    <View className="section" id="person-postal">
      <Text className="subtitle">学习资料</Text>
      <Text className="text" id="person-postal-state">
        {noSmartphone ? '已标记为无智能手机：每月学习礼包改为邮寄纸质材料' : '通过手机接收每月学习礼包'}
      </Text>
      {problem ? (
        <Text className="error-text" id="person-postal-error">
          {problem}
        </Text>
      ) : null}
      <BigButton id="person-postal-toggle" kind="plain" busy={busy} busyText="正在保存…" onClick={toggle}>
        {noSmartphone ? '取消标记（已能用手机学习）' : '标记为无智能手机，改为邮寄'}
      </BigButton>
    </View>
  );
}
