import { Text, View } from '@tarojs/components';
import { BigButton } from './big-button';

export interface ListFooterProps {
  /** Prefix for the ids: `<id>-more`, `<id>-more-error`, `<id>-end`. */
  id: string;
  count: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: string | null;
  onMore: () => void;
}

/**
 * The bottom of a paged list. Scrolling to the end loads the next page by itself; the button is
 * there for whoever does not scroll, and for retrying after a failed page.
 */
export function ListFooter({ id, count, hasMore, loadingMore, moreError, onMore }: ListFooterProps) {
  if (moreError) {
    return (
      <View className="list-footer" id={`${id}-more-error`}>
        <Text className="error-text">{`下一页没有加载出来：${moreError}`}</Text>
        <BigButton id={`${id}-more`} kind="plain" onClick={onMore}>
          重试
        </BigButton>
      </View>
    );
  }
  if (hasMore) {
    return (
      <View className="list-footer">
        <BigButton id={`${id}-more`} kind="plain" busy={loadingMore} busyText="正在加载…" onClick={onMore}>
          加载更多
        </BigButton>
      </View>
    );
  }
  if (count === 0) return null;
  return (
    <View className="list-footer" id={`${id}-end`}>
      <Text className="hint">{`共 ${count} 条，已经到底了`}</Text>
    </View>
  );
}
