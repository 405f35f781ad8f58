import request from 'supertest';
import { ErrorCode, HttpHeader, type SessionView } from '@pioneer/shared';
import { createStaff } from './support/factories.js';
import { withSql } from './support/database.js';
import { loginCodeFor, phoneCodeFor, startTestApp, type TestApp } from './support/test-app.js';

describe('auth', () => {
  let t: TestApp;
  const seen: string[] = [];

  /** Every response body of this file, to prove none ever carries WeChat's session_key. */
  function keep<T extends { text: string }>(res: T): T {
    seen.push(res.text);
    return res;
  }

  async function memberSession(openid: string): Promise<SessionView> {
    const code = await loginCodeFor(t.standInUrl, openid);
    const res = keep(await request(t.url).post('/api/auth/wechat/login').send({ code }));
    expect(res.status).toBe(200);
    return res.body as SessionView;
  }

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const text of seen) expect(text).not.toMatch(/session_key|sessionKey/);
    await t.close();
  });

  describe('POST /api/auth/wechat/login', () => {
    it('turns a wx.login code into our own session for a new member account', async () => {
      const s = await memberSession('o-member-first');
      expect(s.accessToken).toMatch(/^pa_/);
      expect(s.refreshToken).toMatch(/^pr_/);
      expect(s.account).toMatchObject({ kind: 'member', roles: ['member'], memberId: null });
      expect(new Date(s.accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('signs the same WeChat user into the same account every time', async () => {
      const a = await memberSession('o-member-same');
      const b = await memberSession('o-member-same');
      expect(b.account.id).toBe(a.account.id);
    });

    it('refuses a code used twice with WECHAT_CODE_USED', async () => {
      const code = await loginCodeFor(t.standInUrl, 'o-member-reuse');
      expect((await request(t.url).post('/api/auth/wechat/login').send({ code })).status).toBe(200);
      const again = keep(await request(t.url).post('/api/auth/wechat/login').send({ code }));
      expect(again.status).toBe(400);
      expect(again.body.code).toBe(ErrorCode.WECHAT_CODE_USED);
    });

    it('refuses a malformed code with WECHAT_CODE_INVALID', async () => {
      const res = keep(await request(t.url).post('/api/auth/wechat/login').send({ code: 'not a code!' }));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.WECHAT_CODE_INVALID);
    });

    it('stores tokens only as hashes', async () => {
      const s = await memberSession('o-member-hash');
      const rows = await withSql(t.databaseUrl, (c) =>
        c.query('SELECT access_token_hash, refresh_token_hash FROM sessions'),
      );
      const stored = JSON.stringify(rows.rows);
      expect(stored).not.toContain(s.accessToken);
      expect(stored).not.toContain(s.refreshToken);
    });
  });

  describe('sessions', () => {
    it('GET /api/auth/me answers the signed-in account', async () => {
      const s = await memberSession('o-member-me');
      const res = keep(await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${s.accessToken}`));
      expect(res.status).toBe(200);
      expect(res.body).toEqual(s.account);
    });

    it('refresh rotates both tokens and the old refresh token stops working', async () => {
      const s = await memberSession('o-member-refresh');
      const next = keep(await request(t.url).post('/api/auth/refresh').send({ refreshToken: s.refreshToken }));
      expect(next.status).toBe(200);
      expect(next.body.accessToken).not.toBe(s.accessToken);
      expect(
        (await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${next.body.accessToken}`)).status,
      ).toBe(200);
      expect((await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${s.accessToken}`)).status).toBe(
        401,
      );
      const replay = keep(await request(t.url).post('/api/auth/refresh').send({ refreshToken: s.refreshToken }));
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe(ErrorCode.REFRESH_TOKEN_INVALID);
    });

    it('answers an expired access token with TOKEN_EXPIRED so the client refreshes', async () => {
      const s = await memberSession('o-member-expired');
      await withSql(t.databaseUrl, (c) =>
        c.query(`UPDATE sessions SET access_expires_at = now() - interval '1 second' WHERE account_id = $1`, [
          s.account.id,
        ]),
      );
      const res = keep(await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${s.accessToken}`));
      expect(res.status).toBe(401);
      expect(res.body.code).toBe(ErrorCode.TOKEN_EXPIRED);
    });

    it('logout ends the session', async () => {
      const s = await memberSession('o-member-logout');
      const out = await request(t.url).post('/api/auth/logout').set('authorization', `Bearer ${s.accessToken}`);
      expect(out.status).toBe(204);
      expect((await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${s.accessToken}`)).status).toBe(
        401,
      );
      expect((await request(t.url).post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
    });

    it('refuses every token of a disabled account', async () => {
      const s = await memberSession('o-member-disabled');
      await withSql(t.databaseUrl, (c) =>
        c.query(`UPDATE accounts SET status = 'disabled' WHERE id = $1`, [s.account.id]),
      );
      const res = keep(await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${s.accessToken}`));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.ACCOUNT_DISABLED);
      expect((await request(t.url).post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).body.code).toBe(
        ErrorCode.ACCOUNT_DISABLED,
      );
    });
  });

  describe('POST /api/auth/staff/login', () => {
    it('signs in staff with the right password', async () => {
      const staff = await createStaff(t.app);
      const res = keep(
        await request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: staff.password }),
      );
      expect(res.status).toBe(200);
      expect(res.body.account).toMatchObject({ kind: 'staff', roles: ['branch_secretary'] });
    });

    it('gives the same answer for an unknown username as for a wrong password', async () => {
      const unknown = keep(
        await request(t.url).post('/api/auth/staff/login').send({ username: 'nobody-here', password: 'whatever' }),
      );
      expect(unknown.status).toBe(401);
      expect(unknown.body.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    });

    it('locks the account for 15 minutes after five wrong passwords, even against the right one', async () => {
      const staff = await createStaff(t.app);
      for (let i = 1; i <= 4; i++) {
        const res = keep(
          await request(t.url)
            .post('/api/auth/staff/login')
            .send({ username: staff.username, password: `wrong-${i}` }),
        );
        expect(res.status).toBe(401);
        expect(res.body.code).toBe(ErrorCode.INVALID_CREDENTIALS);
        expect(res.body.details).toEqual({ attemptsLeft: 5 - i });
      }
      const fifth = keep(
        await request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: 'wrong-5' }),
      );
      expect(fifth.status).toBe(423);
      expect(fifth.body.code).toBe(ErrorCode.ACCOUNT_LOCKED);
      const lockedUntil = new Date(fifth.body.details.lockedUntil).getTime();
      expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60 * 1000);
      expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);

      const right = keep(
        await request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: staff.password }),
      );
      expect(right.status).toBe(423);
      expect(right.body.code).toBe(ErrorCode.ACCOUNT_LOCKED);
    });

    it('counts wrong passwords sent in parallel, so a burst cannot slip past the lock', async () => {
      const staff = await createStaff(t.app);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          request(t.url)
            .post('/api/auth/staff/login')
            .send({ username: staff.username, password: `burst-${i}` }),
        ),
      );
      const right = await request(t.url)
        .post('/api/auth/staff/login')
        .send({ username: staff.username, password: staff.password });
      expect(right.body.code).toBe(ErrorCode.ACCOUNT_LOCKED);
    });

    it('lets the right password in once the lock has run out, and starts counting afresh', async () => {
      const staff = await createStaff(t.app);
      for (let i = 0; i < 5; i++)
        await request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: 'nope' });
      await withSql(t.databaseUrl, (c) =>
        c.query(`UPDATE staff_credentials SET locked_until = now() - interval '1 second' WHERE account_id = $1`, [
          staff.accountId,
        ]),
      );
      const wrong = await request(t.url)
        .post('/api/auth/staff/login')
        .send({ username: staff.username, password: 'nope' });
      expect(wrong.body).toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS, details: { attemptsLeft: 4 } });
      const right = await request(t.url)
        .post('/api/auth/staff/login')
        .send({ username: staff.username, password: staff.password });
      expect(right.status).toBe(200);
    });
  });

  describe('POST /api/auth/staff/password', () => {
    it('refuses a weak new password with WEAK_PASSWORD listing the problems', async () => {
      const staff = await createStaff(t.app);
      const s = (
        await request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: staff.password })
      ).body as SessionView;
      const res = keep(
        await request(t.url)
          .post('/api/auth/staff/password')
          .set('authorization', `Bearer ${s.accessToken}`)
          .send({ currentPassword: staff.password, newPassword: 'short' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.WEAK_PASSWORD);
      expect(res.body.details).toEqual(expect.arrayContaining([{ path: 'newPassword', problem: 'too_short' }]));
    });

    it('changes the password and signs out the other devices', async () => {
      const staff = await createStaff(t.app);
      const login = () =>
        request(t.url).post('/api/auth/staff/login').send({ username: staff.username, password: staff.password });
      const here = (await login()).body as SessionView;
      const elsewhere = (await login()).body as SessionView;
      const res = await request(t.url)
        .post('/api/auth/staff/password')
        .set('authorization', `Bearer ${here.accessToken}`)
        .send({ currentPassword: staff.password, newPassword: 'New-Strong-Pass-2026' });
      expect(res.status).toBe(204);
      expect((await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${here.accessToken}`)).status).toBe(
        200,
      );
      expect(
        (await request(t.url).get('/api/auth/me').set('authorization', `Bearer ${elsewhere.accessToken}`)).status,
      ).toBe(401);
      expect((await login()).status).toBe(401);
      const fresh = await request(t.url)
        .post('/api/auth/staff/login')
        .send({ username: staff.username, password: 'New-Strong-Pass-2026' });
      expect(fresh.status).toBe(200);
    });

    it('is refused for a member account', async () => {
      const s = await memberSession('o-member-password');
      const res = await request(t.url)
        .post('/api/auth/staff/password')
        .set('authorization', `Bearer ${s.accessToken}`)
        .send({ currentPassword: 'x', newPassword: 'New-Strong-Pass-2026' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe(ErrorCode.FORBIDDEN);
    });
  });

  describe('POST /api/auth/wechat/phone', () => {
    it('confirms the phone, answers it masked and stores it encrypted', async () => {
      const s = await memberSession('o-member-phone');
      const code = await phoneCodeFor(t.standInUrl, '13812345678');
      const res = keep(
        await request(t.url)
          .post('/api/auth/wechat/phone')
          .set('authorization', `Bearer ${s.accessToken}`)
          .send({ code }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ phoneMasked: '138****5678' });
      const row = await withSql(t.databaseUrl, (c) => c.query('SELECT * FROM accounts WHERE id = $1', [s.account.id]));
      expect(JSON.stringify(row.rows)).not.toContain('13812345678');
      expect(row.rows[0].phone_cipher).toMatch(/^t1\./);
    });

    it('refuses an unknown phone code with WECHAT_PHONE_CODE_INVALID', async () => {
      const s = await memberSession('o-member-phone-bad');
      const res = keep(
        await request(t.url)
          .post('/api/auth/wechat/phone')
          .set('authorization', `Bearer ${s.accessToken}`)
          .send({ code: 'no-such-phone-code' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.WECHAT_PHONE_CODE_INVALID);
    });
  });

  describe('idempotent writes', () => {
    it('does a retried write once and replays its answer', async () => {
      const s = await memberSession('o-member-idem');
      const code = await phoneCodeFor(t.standInUrl, '13900001111');
      const key = 'retry-key-0000000001';
      const send = () =>
        request(t.url)
          .post('/api/auth/wechat/phone')
          .set('authorization', `Bearer ${s.accessToken}`)
          .set(HttpHeader.IDEMPOTENCY_KEY, key)
          .send({ code });
      const first = await send();
      // The phone code is one-time at WeChat: a second real exchange would fail, so a 200 here proves the replay.
      const second = await send();
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replay']).toBe('true');
    });

    it('refuses the same key with a different body with IDEMPOTENCY_KEY_REUSED', async () => {
      const s = await memberSession('o-member-idem-2');
      const key = 'retry-key-0000000002';
      const first = await request(t.url)
        .post('/api/auth/wechat/phone')
        .set('authorization', `Bearer ${s.accessToken}`)
        .set(HttpHeader.IDEMPOTENCY_KEY, key)
        .send({ code: await phoneCodeFor(t.standInUrl, '13900002222') });
      expect(first.status).toBe(200);
      const other = await request(t.url)
        .post('/api/auth/wechat/phone')
        .set('authorization', `Bearer ${s.accessToken}`)
        .set(HttpHeader.IDEMPOTENCY_KEY, key)
        .send({ code: 'another-code-entirely' });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    });

    it('replays a refusal too, with its status', async () => {
      const s = await memberSession('o-member-idem-3');
      const send = () =>
        request(t.url)
          .post('/api/auth/wechat/phone')
          .set('authorization', `Bearer ${s.accessToken}`)
          .set(HttpHeader.IDEMPOTENCY_KEY, 'retry-key-0000000003')
          .send({ code: 'unknown-phone-code' });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(400);
      expect(second.status).toBe(400);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replay']).toBe('true');
    });

    it('refuses a malformed key with IDEMPOTENCY_KEY_INVALID', async () => {
      const s = await memberSession('o-member-idem-4');
      const res = await request(t.url)
        .post('/api/auth/logout')
        .set('authorization', `Bearer ${s.accessToken}`)
        .set(HttpHeader.IDEMPOTENCY_KEY, 'short');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(ErrorCode.IDEMPOTENCY_KEY_INVALID);
    });
  });
});
