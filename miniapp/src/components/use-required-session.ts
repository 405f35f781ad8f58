import { useEffect } from 'react';
import type { SessionView } from '@pioneer/shared';
import { navigate } from '../platform';
import { useSession } from '../stores/session';

/** The session for a page that needs one; without it the person is sent to the login page. */
export function useRequiredSession(): SessionView | null {
  const session = useSession();
  useEffect(() => {
    if (!session) navigate.toLogin();
  }, [session]);
  return session;
}
