import { Picker, View } from '@tarojs/components';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface TimeFieldProps {
  id: string;
  /** HH:mm, or '' when not chosen yet. */
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/**
 * A time-of-day chooser: WeChat's time picker on weapp; on H5 the browser's own <input type="time">,
 * which browser tests fill with HH:mm (`#<id>`). The twin of DateField.
 */
export function TimeField({ id, value, placeholder, onChange }: TimeFieldProps) {
  if (isWeapp) {
    return (
      <Picker id={id} mode="time" value={value} onChange={(event) => onChange(String(event.detail.value))}>
        <View className={`field__input field__picker${value ? '' : ' field__picker--empty'}`}>
          {value || placeholder}
        </View>
      </Picker>
    );
  }
  return (
    <input
      id={id}
      className="field__input field__date"
      type="time"
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
