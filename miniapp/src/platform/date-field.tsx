import { Picker, View } from '@tarojs/components';

const isWeapp = process.env.TARO_ENV === 'weapp';

export interface DateFieldProps {
  id: string;
  /** YYYY-MM-DD, or '' when not chosen yet. */
  value: string;
  placeholder: string;
  /** YYYY-MM-DD bounds. */
  start?: string;
  end?: string;
  onChange: (value: string) => void;
}

/**
 * A date chooser: WeChat's date picker on weapp; on H5 the browser's own <input type="date">, which
 * phones show as their native wheel and browser tests can fill with YYYY-MM-DD (`#<id>`).
 */
export function DateField({ id, value, placeholder, start, end, onChange }: DateFieldProps) {
  if (isWeapp) {
    return (
      <Picker
        id={id}
        mode="date"
        value={value}
        start={start}
        end={end}
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
      type="date"
      value={value}
      min={start}
      max={end}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
