import { useCallback, useState } from 'react';
import { storage } from '../../platform';

const STORAGE_KEY = 'pioneer.study.large-type';

/** The reader's larger-type mode, kept on the phone so it stays on for the next article. */
export function useLargeType(): [boolean, (large: boolean) => void] {
  const [large, setLarge] = useState(() => storage.get<boolean>(STORAGE_KEY) === true);
  const choose = useCallback((next: boolean) => {
    setLarge(next);
    storage.set(STORAGE_KEY, next);
  }, []);
  return [large, choose];
}
