import { Text, View } from '@tarojs/components';
import { BigButton } from '../../../components/big-button';
import { navigate } from '../../../platform';
import { Routes } from '../../../routes';

/** For an account not yet linked to a roster entry: what to do first, and the way there. */
export function UnboundNotice({ id, doing }: { id: string; doing: string }) {
  return (
    <View className="card" id={id}>
      <Text className="subtitle">请先绑定党员档案</Text>
      <Text className="hint">{`您的微信还没有绑定党员档案，绑定后才能${doing}。在“我的”页面填写姓名和手机号即可绑定。`}</Text>
      <BigButton id={`${id}-bind`} onClick={() => navigate.to(Routes.me)}>
        去绑定党员档案
      </BigButton>
    </View>
  );
}
