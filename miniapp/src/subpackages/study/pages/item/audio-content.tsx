import { Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { BigButton } from '../../../../components/big-button';
import { createAudioPlayer, type AudioPlayer, type AudioState } from '../../../../platform/audio';

const pad = (n: number) => String(n).padStart(2, '0');

/** 125 → 02:05 */
export function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

const STEP_SECONDS = 15;

/** An audio lesson: one big play/pause button, the time, and 15-second steps back and forward. */
export function AudioContent({ url }: { url: string }) {
  const [state, setState] = useState<AudioState>({ playing: false, position: 0, duration: 0, problem: null });
  const player = useRef<AudioPlayer | null>(null);

  useEffect(() => {
    const created = createAudioPlayer(url, setState);
    player.current = created;
    return () => {
      created.destroy();
      player.current = null;
    };
  }, [url]);

  const step = (by: number) => {
    const to = Math.max(0, state.duration > 0 ? Math.min(state.duration, state.position + by) : state.position + by);
    player.current?.seek(to);
  };

  return (
    <View id="reader-audio">
      <Text className="reader-clock" id="reader-audio-clock">
        {state.duration > 0 ? `${clock(state.position)} / ${clock(state.duration)}` : clock(state.position)}
      </Text>
      <BigButton
        id="reader-audio-toggle"
        size="huge"
        onClick={() => (state.playing ? player.current?.pause() : player.current?.play())}
      >
        {state.playing ? '暂停' : '播放'}
      </BigButton>
      <View className="reader-steps">
        <BigButton id="reader-audio-back" kind="plain" onClick={() => step(-STEP_SECONDS)}>
          后退15秒
        </BigButton>
        <BigButton id="reader-audio-forward" kind="plain" onClick={() => step(STEP_SECONDS)}>
          前进15秒
        </BigButton>
      </View>
      {state.problem ? (
        <Text className="error-text" id="reader-audio-problem">
          {state.problem}
        </Text>
      ) : null}
    </View>
  );
}
