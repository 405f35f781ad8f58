import type { PersonalCodeKey } from '@pioneer/shared';
import { useEffect, useMemo, useState } from 'react';
import { fetchPersonalCodeKey, storedPersonalCodeKey } from '../../../../services/checkins';
import { base64UrlToBytes, personalCodeAt, secondsLeft, stepSecondsOf } from '../personal-code/personal-code';

/**
 * The member's personal code (先锋码) as the personal-code page computes it: on the phone, from the
 * key kept there, fresh every step; the key is refreshed quietly when the network allows.
 */
export function useLivePersonalCode(memberId: string | null): { code: string | null; secondsLeft: number | null } {
  const [key, setKey] = useState<PersonalCodeKey | null>(() => storedPersonalCodeKey());
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (!memberId) return;
    fetchPersonalCodeKey()
      .then(setKey)
      .catch(() => undefined);
  }, [memberId]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const secret = useMemo(() => {
    if (!key) return null;
    try {
      return base64UrlToBytes(key.secret);
    } catch {
      return null;
    }
  }, [key]);
  const stepMs = key ? stepSecondsOf(key) * 1000 : 0;
  const stepStart = stepMs > 0 ? Math.floor(now / stepMs) * stepMs : 0;
  const code = useMemo(() => (key && secret ? personalCodeAt(key, secret, stepStart) : null), [key, secret, stepStart]);
  return { code, secondsLeft: key && code ? secondsLeft(key, now) : null };
}
