import { Text, View } from '@tarojs/components';
import { BigButton } from '../../../components/big-button';
import { navigate } from '../../../platform';
import { Routes } from '../../../routes';

/** For an account not linked to a roster entry: only party members post cards and give services. */
export function UnboundNotice({ id, doing }: { id: string; doing: string }) {
  return (
    <View className="card" id={id}>
      <Text className="subtitle">请先绑定党员档案</Text>
      <Text className="hint">{`绑定党员档案后才能${doing}。在“我的”页面填写姓名和手机号即可绑定；居民可以在社区志愿板上找志愿者帮忙。`}</Text>
      <BigButton id={`${id}-bind`} onClick={() => navigate.to(Routes.me)}>
        去绑定党员档案
      </BigButton>
      <BigButton id={`${id}-board`} kind="plain" onClick={() => navigate.to(Routes.volunteerBoard)}>
        看社区志愿板
      </BigButton>
    </View>
  );
}
