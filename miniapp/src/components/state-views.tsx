import { Text, View } from '@tarojs/components';
import { BigButton } from './big-button';

export function LoadingView({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className="state-view" id="loading-view">
      <Text className="state-view__text">{text}</Text>
    </View>
  );
}

export function ErrorView({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="state-view state-view--error" id="error-view">
      <Text className="state-view__title">{message}</Text>
      {onRetry ? (
        <BigButton id="error-retry" kind="secondary" onClick={onRetry}>
          重试
        </BigButton>
      ) : null}
    </View>
  );
}

export function EmptyState({ id, title, description }: { id?: string; title: string; description?: string }) {
  return (
    <View className="state-view state-view--empty" id={id ?? 'empty-state'}>
      <Text className="state-view__title">{title}</Text>
      {description ? <Text className="state-view__text">{description}</Text> : null}
    </View>
  );
}
