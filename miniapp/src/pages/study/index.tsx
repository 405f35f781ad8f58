import { View } from '@tarojs/components';
import { EmptyState, LoadingView } from '../../components/state-views';
import { useRequiredSession } from '../../components/use-required-session';

export default function StudyPage() {
  const session = useRequiredSession();
  if (!session) return <LoadingView />;
  return (
    <View className="page">
      <View className="card">
        <EmptyState
          id="study-empty"
          title="本月学习礼包尚未发布"
          description="支部发布后会显示在这里，随时可以阅读。"
        />
      </View>
    </View>
  );
}
