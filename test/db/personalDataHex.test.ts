import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import t from 'tap';
import { migrate, type OwnerSession } from '#src/db/migrate.js';
import { migrations } from '#src/db/migrations/index.js';
import { commitPersonal } from '#src/ledger/commitment.js';

// Vault rows written before 0008 are keyed by the base64 spelling; after it every key is the hex one
// that events hold, and the table refuses any other spelling. Run on an in-memory PGlite: the SQL is
// the same on a server.
t.test('0008 rewrites base64 vault keys as hex and refuses base64 afterwards', async (t) => {
  const pg = await PGlite.create();
  t.teardown(() => pg.close());
  const session: OwnerSession = {
    exec: async (sql) => void (await pg.exec(sql)),
    query: async <R>(sql: string, params?: unknown[]) => (await pg.query<R>(sql, params)).rows,
  };
  const names = { schema: 'diaban', appRole: 'diaban_app' };
  await migrate(session, names, undefined, migrations.filter((m) => m.id < '0008'));

  const salt = randomBytes(32);
  const hex = commitPersonal('Nguyễn Thị Hương', salt);
  const base64 = Buffer.from(hex, 'hex').toString('base64');
  await pg.query('INSERT INTO diaban.personal_data (commitment, salt, value) VALUES ($1, $2, $3)', [base64, salt, '"Nguyễn Thị Hương"']);

  t.same(await migrate(session, names, undefined, migrations.filter((m) => m.id < '0009')), ['0008_personal_data_hex']);
  const rows = (await pg.query<{ commitment: string; value: string }>('SELECT commitment, value FROM diaban.personal_data')).rows;
  t.same(rows, [{ commitment: hex, value: '"Nguyễn Thị Hương"' }], 'the same row, keyed by the hex an event holds');
  await t.rejects(
    pg.query('INSERT INTO diaban.personal_data (commitment, salt, value) VALUES ($1, $2, $3)', [base64, salt, '"x"']),
    /personal_data_commitment_hex/,
    'a base64 key is refused',
  );
});
