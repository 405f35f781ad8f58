import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../services/http';

export type Loaded<T> =
  { status: 'loading' } | { status: 'failed'; message: string; error: unknown } | { status: 'ready'; data: T };

export interface Loader<T> {
  state: Loaded<T>;
  /** Loads again from scratch (the retry button). */
  reload: () => void;
  /** Replaces the data after a write answered with the new version. */
  setData: (data: T) => void;
}

/**
 * One call's loading, failure and result. It runs when the component mounts and whenever `key`
 * changes (unless `auto` is off); an answer that arrives after a newer call started is dropped.
 */
export function useLoader<T>(load: () => Promise<T>, key = '', options: { auto?: boolean } = {}): Loader<T> {
  const auto = options.auto !== false;
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const latestLoad = useRef(load);
  const generation = useRef(0);

  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(() => {
    generation.current += 1;
    const mine = generation.current;
    setState({ status: 'loading' });
    latestLoad.current().then(
      (data) => {
        if (generation.current === mine) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (generation.current === mine) setState({ status: 'failed', message: errorMessage(error), error });
      },
    );
  }, []);

  useEffect(() => {
    if (auto) reload();
  }, [auto, reload, key]);

  const setData = useCallback((data: T) => {
    generation.current += 1;
    setState({ status: 'ready', data });
  }, []);

  return { state, reload, setData };
}
