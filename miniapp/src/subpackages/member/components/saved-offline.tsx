import { Text, View } from '@tarojs/components';
import { BigButton } from '../../../components/big-button';
import { formatDateTime } from '../../../components/format';
import { navigate } from '../../../platform';
import { Routes } from '../../../routes';

/** A submission that could not reach the server and now waits on the phone. */
export function SavedOffline({ id, what, scannedAt }: { id: string; what: string; scannedAt: string }) {
  return (
    <View className="card" id={id}>
      <Text className="result-mark result-mark--waiting">⏳</Text>
      <Text className="result-title">已保存，联网后自动提交</Text>
      <Text className="text">{`网络不给力，这次${what}已保存在手机上，联网后会自动提交，不会重复，也不用再扫一次。`}</Text>
      <Text className="hint section">{`扫码时间：${formatDateTime(scannedAt)}（提交时按这个时间记录）`}</Text>
      <BigButton id={`${id}-scan`} kind="secondary" onClick={() => navigate.to(Routes.scan)}>
        查看待提交
      </BigButton>
    </View>
  );
}
