import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OtpSecretFileError, otpSecretFor } from '../../../src/services/identity/otp-secret';
import { tempSqliteDir } from '../temp-sqlite';

describe('the key one-time codes are hashed with', () => {
  const tmp = tempSqliteDir();
  afterAll(() => tmp.remove());

  it('uses OTP_SECRET when it is set', () => {
    const secret = 'a-production-otp-secret-of-32-characters';
    expect(otpSecretFor({ otpSecret: secret, database: { kind: 'memory' } })).toEqual(Buffer.from(secret));
  });

  it('makes a random key per process for memory:', () => {
    const one = otpSecretFor({ database: { kind: 'memory' } });
    expect(one).toHaveLength(32);
    expect(otpSecretFor({ database: { kind: 'memory' } })).not.toEqual(one);
  });

  it('makes a key once into a 0600 file beside the SQLite database, and reads the same key after a restart', () => {
    const file = join(tmp.path, '..', 'secret-test.db');
    const first = otpSecretFor({ database: { kind: 'sqlite', file } });
    expect(otpSecretFor({ database: { kind: 'sqlite', file } })).toEqual(first);
    expect(statSync(`${file}.otp-secret`).mode & 0o777).toBe(0o600);
  });

  it('refuses a hand-edited key file, saying how to fix it', () => {
    const file = join(tmp.path, '..', 'broken.db');
    writeFileSync(`${file}.otp-secret`, 'hunter2\n');
    expect(() => otpSecretFor({ database: { kind: 'sqlite', file } })).toThrow(OtpSecretFileError);
    expect(() => otpSecretFor({ database: { kind: 'sqlite', file } })).toThrow(/delete it to make a new one .* or set OTP_SECRET/);
  });
});
