import { Picker, View } from '@tarojs/components';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface MonthFieldProps {
  id: string;
  /** YYYY-MM, or '' when not chosen yet. */
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}

/**
 * A month chooser: WeChat's date picker showing months on weapp; on H5 the browser's <input type="month">
 * (filled with YYYY-MM in tests, `#<id>`). A sibling of DateField.
 */
export function MonthField({ id, value, placeholder, onChange }: MonthFieldProps) {
  if (isWeapp) {
    return (
      <Picker
        id={id}
        mode="date"
        fields="month"
        value={value}
        onChange={(event) => onChange(String(event.detail.value))}
      >
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
      type="month"
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
