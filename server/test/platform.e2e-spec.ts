import request from 'supertest';
import { ErrorCode } from '@pioneer/shared';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('platform', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ HTTP_BODY_LIMIT: '2kb' });
  });
  afterAll(() => t.close());

  it('GET /api/health answers 200 with the database up', async () => {
    const res = await request(t.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document at /api/docs-json and the viewer at /api/docs', async () => {
    const json = await request(t.url).get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/wechat/login', '/api/auth/staff/login']),
    );
    const html = await request(t.url).get('/api/docs');
    expect(html.status).toBe(200);
    expect(html.text).toContain('swagger');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the envelope', async () => {
    const res = await request(t.url).get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: ErrorCode.ROUTE_NOT_FOUND, message: expect.any(String) });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, not 500', async () => {
    const res = await request(t.url)
      .post('/api/auth/staff/login')
      .set('content-type', 'application/json')
      .send('{"username": "a",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.MALFORMED_JSON);
  });

  it('refuses unknown fields with 400 UNKNOWN_FIELD naming the field', async () => {
    const res = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'a', password: 'b', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.UNKNOWN_FIELD);
    expect(res.body.message).toContain('isAdmin');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'isAdmin' })]));
  });

  it.each([
    ['a number for a string', { username: 42, password: 'x' }, 'username'],
    ['an object for a string', { username: { $gt: '' }, password: 'x' }, 'username'],
    ['a missing field', { username: 'x' }, 'password'],
    ['an empty string', { username: '', password: 'x' }, 'username'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, body, field) => {
    const res = await request(t.url).post('/api/auth/staff/login').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });

  it.each([
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
  ])('refuses %s as a body with a 4xx code', async (_label, raw) => {
    const res = await request(t.url).post('/api/auth/staff/login').set('content-type', 'application/json').send(raw);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(typeof res.body.code).toBe('string');
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(t.url)
      .post('/api/auth/staff/login')
      .send({ username: 'x'.repeat(5000), password: 'y' });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
  });

  it('asks for a session on protected routes with 401 UNAUTHENTICATED', async () => {
    const res = await request(t.url).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(ErrorCode.UNAUTHENTICATED);
    const forged = await request(t.url)
      .get('/api/auth/me')
      .set('authorization', `Bearer pa_${'A'.repeat(43)}`);
    expect(forged.status).toBe(401);
  });

  it('publishes client settings at /api/meta without dev login unless configured', async () => {
    const res = await request(t.url).get('/api/meta');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appName: '流动先锋', devLogin: null });
  });
});

describe('rate limits', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_AUTH_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('rate-limits sign-in attempts from one address with 429 RATE_LIMITED and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(t.url).post('/api/auth/wechat/login').send({ code: '!!bad!!' });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe(ErrorCode.RATE_LIMITED);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
  });

  it('counts each sign-in route separately and never limits the health check', async () => {
    const staff = await request(t.url).post('/api/auth/staff/login').send({ username: 'x', password: 'y' });
    expect(staff.status).toBe(401);
    for (let i = 0; i < 10; i++) expect((await request(t.url).get('/api/health')).status).toBe(200);
  });
});
