import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface BigButtonProps {
  id?: string;
  kind?: 'primary' | 'secondary' | 'plain';
  size?: 'normal' | 'huge';
  busy?: boolean;
  busyText?: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}

/** A full-width button at least 96rpx tall (WeChat asks for 88rpx): easy to hit for anyone. */
export function BigButton({
  id,
  kind = 'primary',
  size = 'normal',
  busy = false,
  busyText,
  disabled = false,
  onClick,
  children,
}: BigButtonProps) {
  const inactive = busy || disabled;
  return (
    <Button
      id={id}
      className={`big-button big-button--${kind}${size === 'huge' ? ' big-button--huge' : ''}${inactive ? ' big-button--inactive' : ''}`}
      disabled={inactive}
      onClick={() => {
        if (!inactive) onClick();
      }}
    >
      {busy ? (busyText ?? '请稍候…') : children}
    </Button>
  );
}
