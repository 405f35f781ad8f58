import { Text, View } from '@tarojs/components';
import { SUGGESTION_CATEGORY_LABELS, SUGGESTION_STATUS_LABELS, type SuggestionListItem } from '@pioneer/shared';
import { shortDay } from './report-text';

/** One suggestion in a list: title, category, status, and who sent it when the home side looks. */
export function SuggestionRow({
  item,
  showSender,
  onOpen,
}: {
  item: SuggestionListItem;
  showSender: boolean;
  onOpen: () => void;
}) {
  return (
    <View className="card link-card" id={`suggestion-${item.id}`} onClick={onOpen}>
      <View>
        <Text className="subtitle">{item.title}</Text>
        <Text className="hint">
          {[
            SUGGESTION_CATEGORY_LABELS[item.category],
            showSender ? `${item.memberName}（${item.branchName}）` : null,
            shortDay(item.createdAt),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text className="status-badge">{SUGGESTION_STATUS_LABELS[item.status]}</Text>
      </View>
      <Text className="link-card__arrow">›</Text>
    </View>
  );
}
