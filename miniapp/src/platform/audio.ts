import Taro from '@tarojs/taro';

export interface AudioState {
  playing: boolean;
  /** Seconds. */
  position: number;
  /** Seconds; 0 until known. */
  duration: number;
  /** Set when the audio could not be played; for people. */
  problem: string | null;
}

export interface AudioPlayer {
  play(): void;
  pause(): void;
  /** Seconds from the start. */
  seek(position: number): void;
  /** Stops and lets go of the player: call when the page closes. */
  destroy(): void;
}

/**
 * One audio file played in the page (WeChat's inner audio context; on H5 Taro's wrapper of <audio>).
 * `onChange` hears every change of state.
 */
export function createAudioPlayer(src: string, onChange: (state: AudioState) => void): AudioPlayer {
  const context = Taro.createInnerAudioContext();
  let state: AudioState = { playing: false, position: 0, duration: 0, problem: null };
  const update = (change: Partial<AudioState>) => {
    state = { ...state, ...change };
    onChange(state);
  };
  const read = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

  context.src = src;
  context.onCanplay(() => update({ duration: read(context.duration) }));
  context.onPlay(() => update({ playing: true, problem: null }));
  context.onPause(() => update({ playing: false }));
  context.onStop(() => update({ playing: false }));
  context.onEnded(() => update({ playing: false, position: read(context.duration) }));
  context.onTimeUpdate(() => update({ position: read(context.currentTime), duration: read(context.duration) }));
  context.onError(() => update({ playing: false, problem: '音频没有播放成功，请检查网络后再试' }));

  return {
    play: () => context.play(),
    pause: () => context.pause(),
    seek: (position) => context.seek(position),
    destroy: () => {
      try {
        context.stop();
        context.destroy();
      } catch {
        // Already gone with the page.
      }
    },
  };
}
