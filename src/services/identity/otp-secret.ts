import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config/config';

/** A secret file whose contents are not a usable key (hand-edited, truncated). */
export class OtpSecretFileError extends Error {
  readonly code = 'OTP_SECRET_FILE';
}

/**
 * The key one-time codes are hashed with. OTP_SECRET when set (required in production). Without
 * it, development still never stores a bare SHA-256 of a code: memory: gets a random key per
 * process (its codes die with it); SQLite a random key made once into a 0600 file beside the
 * database (`<file>.otp-secret`), so codes survive a restart; PostgreSQL `data/postgres.otp-secret`
 * in the working directory, which servers started from the same checkout share. Servers on
 * different machines must set OTP_SECRET, or each rejects the others' codes.
 */
export function otpSecretFor(config: Pick<Config, 'otpSecret' | 'database'>): Buffer {
  if (config.otpSecret) return Buffer.from(config.otpSecret, 'utf8');
  if (config.database.kind === 'memory') return randomBytes(32);
  return secretFile(config.database.kind === 'sqlite' ? `${config.database.file}.otp-secret` : 'data/postgres.otp-secret');
}

function secretFile(file: string): Buffer {
  mkdirSync(dirname(file), { recursive: true });
  // Written whole under a private name, then linked into place: of several processes starting at
  // once, exactly one link succeeds, and nobody can read a half-written key.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new OtpSecretFileError(`${file}: not a 64-hex-digit key; delete it to make a new one (live codes are then lost) or set OTP_SECRET`);
  return Buffer.from(hex, 'hex');
}
