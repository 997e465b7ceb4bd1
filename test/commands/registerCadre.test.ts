import t from 'tap';
import { sql } from 'kysely';
import { registerCadre } from '../../src/commands/cadre/registerCadre.js';
import type { CommandEnv } from '../../src/commands/CommandEnv.js';
import { DomainError } from '../../src/domain/errors.js';
import { NOW, openKit } from '../http/commandKit.js';

/** Personal values are committed before the decision: a refused registration must take them back. */
t.test('RegisterCadre keeps nothing when it is refused', async (t) => {
  const kit = await openKit();
  t.teardown(() => kit.close());
  const env: CommandEnv = {
    store: kit.store,
    actor: { userId: 'test', role: 'admin' },
    now: NOW,
    metadata: { actor: 'test', role: 'admin', requestId: null, correlationId: null, causationId: null },
  };
  const vaultRows = async () =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM personal_data`.execute(kit.database.db)).rows[0]?.n);
  const input = {
    fullName: 'Nguyễn Văn An', dateOfBirth: '1980-01-01', phone: '0912345678', position: 'Chuyên viên',
    agencyId: '6f1c2b9e-3d4a-4e5f-8a6b-7c8d9e0f1a2b', level: 'province' as const, expertise: [], inSuccessionPlan: false,
  };
  // given no agency; when a cadre is registered into it; then AGENCY_NOT_FOUND and an empty vault.
  await t.rejects(registerCadre(env, kit.ledger.personalData, input), new DomainError('AGENCY_NOT_FOUND', undefined, 'agencyId'));
  t.equal(await vaultRows(), 0, 'the committed values were erased');
  t.equal(await kit.count(), 0, 'no event');
  // A birth date in the future is refused before anything is committed.
  await t.rejects(registerCadre(env, kit.ledger.personalData, { ...input, dateOfBirth: '2025-03-16' }), { code: 'DATE_IN_FUTURE', field: 'dateOfBirth' });
  t.equal(await vaultRows(), 0);
});
