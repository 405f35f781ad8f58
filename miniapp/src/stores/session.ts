import { useSyncExternalStore } from 'react';
import { Role, type AccountView, type SessionView } from '@pioneer/shared';
import { storage } from '../platform';

const STORAGE_KEY = 'pioneer.session';

type Listener = () => void;

let current: SessionView | null | undefined;
const listeners = new Set<Listener>();

function load(): SessionView | null {
  if (current === undefined) {
    const stored = storage.get<SessionView>(STORAGE_KEY);
    current = stored && typeof stored.accessToken === 'string' && stored.account ? stored : null;
  }
  return current;
}

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The logged-in session (tokens + account), kept in memory and on the device. */
export const sessionStore = {
  get: load,
  set(session: SessionView): void {
    current = session;
    storage.set(STORAGE_KEY, session);
    emit();
  },
  /** Keeps the tokens, replaces the account (after GET /api/auth/me). */
  updateAccount(account: AccountView): void {
    const session = load();
    if (session) sessionStore.set({ ...session, account });
  },
  clear(): void {
    current = null;
    storage.remove(STORAGE_KEY);
    emit();
  },
  subscribe,
};

export function useSession(): SessionView | null {
  return useSyncExternalStore(subscribe, load, load);
}

/** Anyone with a role beyond plain member works on the branch or org side. */
export function isStaff(account: AccountView): boolean {
  return account.roles.some((role) => role !== Role.MEMBER);
}

/** Whether the account holds any of `roles` (what the server checks stays the server's call). */
export function hasAnyRole(account: AccountView, roles: readonly Role[]): boolean {
  return account.roles.some((role) => roles.includes(role));
}
