import {
  CheckinRoutes,
  type ArrivalRequest,
  type ArrivalResult,
  type CheckinRequest,
  type CheckinResult,
  type CheckinView,
  type Paginated,
  type PersonalCodeKey,
  type ResolveCodeRequest,
  type ResolvedCode,
} from '@pioneer/shared';
import { storage } from '../platform';
import { sessionStore } from '../stores/session';
import { http, newIdempotencyKey } from './http';

/** What a scanned or typed code points at: a branch (报到) or an activity (签到). */
export function resolveCode(code: string): Promise<ResolvedCode> {
  const body: ResolveCodeRequest = { code };
  return http.post<ResolvedCode>(CheckinRoutes.resolve, body);
}

/** 报到 with a branch code; a repeat with the same clientId gets the first answer. */
export function arrive(request: ArrivalRequest): Promise<ArrivalResult> {
  return http.post<ArrivalResult>(CheckinRoutes.arrive, request);
}

/** 签到 or 签退 with the venue screen's code; a repeat with the same clientId gets the first answer. */
export function checkIn(request: CheckinRequest): Promise<CheckinResult> {
  return http.post<CheckinResult>(CheckinRoutes.checkin, request);
}

export function listMyCheckins(cursor?: string, limit?: number): Promise<Paginated<CheckinView>> {
  return http.get<Paginated<CheckinView>>(CheckinRoutes.myCheckins, { query: { cursor, limit } });
}

const DEVICE_ID_KEY = 'pioneer.device-id';

/** A random id of this install, made once and kept: the server uses it to notice one phone checking in many. */
export function deviceId(): string {
  const stored = storage.get<string>(DEVICE_ID_KEY);
  if (typeof stored === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
  const made = newIdempotencyKey();
  storage.set(DEVICE_ID_KEY, made);
  return made;
}

// ── the personal code's key ──────────────────────────────────────────────

const PERSONAL_KEY_STORAGE = 'pioneer.personal-code-key';

interface StoredPersonalKey {
  /** Whose key it is: another account logging in on this phone must not show it. */
  accountId: string;
  key: PersonalCodeKey;
  /** ISO 8601 */
  fetchedAt: string;
}

function isPersonalKey(value: unknown): value is PersonalCodeKey {
  const key = value as Partial<PersonalCodeKey> | null;
  return (
    typeof key === 'object' &&
    key !== null &&
    typeof key.memberCode === 'string' &&
    typeof key.keyVersion === 'number' &&
    typeof key.secret === 'string' &&
    typeof key.stepSeconds === 'number'
  );
}

/** The key kept on this phone for the logged-in account, so the code shows without a network. */
export function storedPersonalCodeKey(): PersonalCodeKey | null {
  const accountId = sessionStore.get()?.account.id;
  const stored = storage.get<StoredPersonalKey>(PERSONAL_KEY_STORAGE);
  if (!accountId || !stored || stored.accountId !== accountId || !isPersonalKey(stored.key)) return null;
  return stored.key;
}

/** Asks the server for the current key and keeps it on the phone. */
export async function fetchPersonalCodeKey(): Promise<PersonalCodeKey> {
  const key = await http.get<PersonalCodeKey>(CheckinRoutes.personalCodeKey);
  const accountId = sessionStore.get()?.account.id;
  if (accountId && isPersonalKey(key)) {
    const stored: StoredPersonalKey = { accountId, key, fetchedAt: new Date().toISOString() };
    storage.set(PERSONAL_KEY_STORAGE, stored);
  }
  return key;
}

/** Drops the kept key (the server answered CODE_REVOKED): the next showing fetches a new one. */
export function forgetPersonalCodeKey(): void {
  storage.remove(PERSONAL_KEY_STORAGE);
}
