import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PG_MIGRATIONS } from '../../src/stores/postgres';
import { MIGRATIONS } from '../../src/stores/sqlite';
import { describeWith, testSchema } from '../helpers/external-services';

/** Runs `ivr migrate` in a child process with DATABASE_URL; resolves with its output and exit code. */
function migrate(databaseUrl: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli/bin.js', 'migrate'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npx ivr migrate', () => {
  it('migrates a new SQLite file, printing each migration, then finds nothing to apply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-migrate-'));
    try {
      const url = `sqlite:${join(dir, 'data', 'ivr.db')}`;
      const first = await migrate(url);
      expect(first.status).toBe(0);
      expect(first.stdout.trim().split('\n')).toEqual([...MIGRATIONS.map((m) => `applied ${m.id}`), `SQLite ${join(dir, 'data', 'ivr.db')}: applied ${MIGRATIONS.length} migration(s), 0 were applied before`]);
      const again = await migrate(url);
      expect(again.stdout).toBe(`SQLite ${join(dir, 'data', 'ivr.db')}: up to date, nothing to apply (${MIGRATIONS.length} migrations applied before)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has nothing to migrate in memory', async () => {
    expect((await migrate('memory:')).stdout).toContain('there is nothing to migrate');
  });

  describeWith({ postgres: true }, 'on PostgreSQL', () => {
    const db = testSchema();
    afterAll(() => db.drop());

    it('migrates a new schema once when run twice at the same moment, and hides the password', async () => {
      const url = db.url.replace('postgres://postgres@', 'postgres://postgres:not-shown@');
      const [a, b] = await Promise.all([migrate(url), migrate(url)]);
      expect([a.status, b.status]).toEqual([0, 0]);
      const applied = [a, b].flatMap((r) => r.stdout.split('\n').filter((l) => l.startsWith('applied ')));
      expect(applied).toEqual(PG_MIGRATIONS.map((m) => `applied ${m.id}`));
      expect(`${a.stdout}${b.stdout}`).toContain(`up to date, nothing to apply (${PG_MIGRATIONS.length} migrations applied before)`);
      expect(`${a.stdout}${b.stdout}`).toContain(`schema ${db.schema}`);
      expect(`${a.stdout}${b.stdout}`).not.toContain('not-shown');
    });

    it('says what to check when PostgreSQL cannot be reached, and exits 1', async () => {
      const run = await migrate('postgres://postgres@127.0.0.1:1/test');
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^ivr migrate: cannot connect to PostgreSQL to migrate it: .*\(is DATABASE_URL right and the server up\?\)\n$/);
    });
  });
});
