import { Text, View } from '@tarojs/components';
import { navigate } from '../../platform';
import { Routes } from '../../routes';
import { useCheckinQueue } from '../../services/checkin-queue';

/** 待提交 N 条签到: scans kept on the phone while offline; they go by themselves, the scan tab shows them. */
export function PendingSubmissions() {
  const { pending } = useCheckinQueue();
  if (pending.length === 0) return null;
  const kinds = new Set(pending.map((item) => item.kind));
  const what = kinds.size > 1 ? '报到和签到' : kinds.has('arrival') ? '报到' : '签到';
  return (
    <View className="card link-card" id="home-pending" onClick={() => navigate.to(Routes.scan)}>
      <View>
        <Text className="text" id="home-pending-count">{`待提交 ${pending.length} 条${what}`}</Text>
        <Text className="hint">联网后会自动提交，点这里查看</Text>
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}
