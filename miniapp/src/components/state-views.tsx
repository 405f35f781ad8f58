import { Text, View } from '@tarojs/components';
import { BigButton } from './big-button';

export function LoadingView({ id = 'loading-view', text = '正在加载…' }: { id?: string; text?: string }) {
  return (
    <View className="state-view" id={id}>
      <Text className="state-view__text">{text}</Text>
    </View>
  );
}

/** A failed call in plain words; the retry button is `#<id>-retry` (`#error-retry` by default). */
export function ErrorView({ id, message, onRetry }: { id?: string; message: string; onRetry?: () => void }) {
  return (
    <View className="state-view state-view--error" id={id ?? 'error-view'}>
      <Text className="state-view__title">{message}</Text>
      {onRetry ? (
        <BigButton id={id ? `${id}-retry` : 'error-retry'} kind="secondary" onClick={onRetry}>
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
