import { PasswordHasher } from './password-hasher.js';

describe(PasswordHasher.name, () => {
  const hasher = new PasswordHasher();

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('Correct-Horse-9');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(stored).not.toContain('Correct-Horse-9');
    await expect(hasher.verify('Correct-Horse-9', stored)).resolves.toBe(true);
    await expect(hasher.verify('correct-horse-9', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('Same-Password-1')).not.toBe(await hasher.hash('Same-Password-1'));
  });

  it('refuses a stored value it does not understand', async () => {
    await expect(hasher.verify('x', 'md5$abc')).resolves.toBe(false);
  });
});
