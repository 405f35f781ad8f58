import { Text, View } from '@tarojs/components';
import { BigButton } from './big-button';

export interface ConfirmSheetProps {
  /** The sheet; its buttons are `#<id>-confirm` and `#<id>-cancel`. */
  id: string;
  title: string;
  message: string;
  confirmText: string;
  busy?: boolean;
  /** Why the last attempt failed; the sheet stays open. */
  problem?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks once more before something that cannot be undone. Drawn in the page (the page's CSS gives
 * `.sheet-mask` and `.sheet`), so it looks and tests the same on weapp and H5.
 */
export function ConfirmSheet({
  id,
  title,
  message,
  confirmText,
  busy = false,
  problem,
  onConfirm,
  onCancel,
}: ConfirmSheetProps) {
  return (
    <View
      className="sheet-mask"
      id={id}
      onClick={() => {
        if (!busy) onCancel();
      }}
    >
      <View className="sheet" onClick={(event) => event.stopPropagation()}>
        <Text className="subtitle">{title}</Text>
        <Text className="text">{message}</Text>
        {problem ? (
          <Text className="error-text" id={`${id}-error`}>
            {problem}
          </Text>
        ) : null}
        <BigButton id={`${id}-confirm`} busy={busy} busyText="正在提交…" onClick={onConfirm}>
          {confirmText}
        </BigButton>
        <BigButton id={`${id}-cancel`} kind="plain" disabled={busy} onClick={onCancel}>
          再想想
        </BigButton>
      </View>
    </View>
  );
}
