import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BigButton } from '../components/big-button';
import { chooseSpreadsheetFromChat, pickedFromBrowserFile, type PickedFile } from './files';
import { showToast } from './feedback';

const isWeapp = process.env.TARO_ENV === 'weapp';

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SpreadsheetPickerProps {
  /** The button; on H5 the file input inside it is `#<id>-input`. */
  id: string;
  disabled?: boolean;
  onPick: (file: PickedFile) => void;
  children: string;
}

/**
 * Picks one .xlsx file. weapp can only take files from a WeChat chat (chooseMessageFile); H5 uses a
 * file input laid invisibly over the button, which browser tests fill with setInputFiles.
 */
export function SpreadsheetPicker({ id, disabled = false, onPick, children }: SpreadsheetPickerProps) {
  const [choosing, setChoosing] = useState(false);

  if (isWeapp) {
    const choose = () => {
      setChoosing(true);
      chooseSpreadsheetFromChat()
        .then((file) => {
          if (file) onPick(file);
        })
        .catch((cause: unknown) => showToast(cause instanceof Error ? cause.message : '没有选到文件'))
        .finally(() => setChoosing(false));
    };
    return (
      <View>
        <BigButton id={id} kind="secondary" busy={choosing} disabled={disabled} onClick={choose}>
          {children}
        </BigButton>
        <Text className="hint">请先把表格发到微信聊天中（如“文件传输助手”），再从聊天记录里选择。</Text>
      </View>
    );
  }

  return (
    <View id={id} className={`big-button big-button--secondary file-picker${disabled ? ' big-button--inactive' : ''}`}>
      <Text>{children}</Text>
      <input
        id={`${id}-input`}
        className="file-picker__input"
        type="file"
        accept={XLSX_ACCEPT}
        disabled={disabled}
        onChange={(event) => {
          const input = event.target;
          const file = input.files?.[0];
          // Cleared so that picking the same file again (after fixing it) fires a change.
          input.value = '';
          if (file) onPick(pickedFromBrowserFile(file));
        }}
      />
    </View>
  );
}
