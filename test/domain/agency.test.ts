import t from 'tap';
import type { AgencyRegistered } from '#events/agencies.js';
import { agencyDecider, agencyFact, type RegisterAgency } from '#src/domain/agency/index.js';
import { PROVINCE, TODAY, id, meta, unitFact } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(agencyDecider);
const AGENCY = id(900);
const data: AgencyRegistered = { agencyId: AGENCY, name: 'Sở Nông nghiệp và Môi trường', kind: 'state-department', unitCode: PROVINCE };
const register: RegisterAgency = { type: 'RegisterAgency', data, metadata: meta() };
const registered = { type: 'AgencyRegistered', data } as const;

t.test('RegisterAgency', async (t) => {
  t.test('registers an agency of an active unit', async () => {
    given([]).when(register, { unit: unitFact(PROVINCE, TODAY) }).then([registered]);
  });
  t.test('once', async () => {
    given([registered]).when(register, { unit: unitFact(PROVINCE, TODAY) }).thenThrows('AGENCY_ALREADY_REGISTERED', 'agencyId');
  });
  t.test('its unit must exist and be active today', async () => {
    given([]).when(register, { unit: null }).thenThrows('UNIT_NOT_FOUND', 'unitCode');
    given([]).when(register, { unit: unitFact(PROVINCE, TODAY, { active: false }) }).thenThrows('UNIT_NOT_ACTIVE', 'unitCode');
  });
});

t.test('RenameAgency', async (t) => {
  const renamed = { agencyId: AGENCY, name: 'Sở Nông nghiệp', effectiveDate: '2025-03-01' };
  t.test('renames a registered agency', async () => {
    given([registered]).when({ type: 'RenameAgency', data: renamed, metadata: meta() }, {}).then([{ type: 'AgencyRenamed', data: renamed }]);
  });
  t.test('an unknown agency cannot be renamed', async () => {
    given([]).when({ type: 'RenameAgency', data: renamed, metadata: meta() }, {}).thenThrows('AGENCY_NOT_FOUND', 'agencyId');
  });
});

t.test('agencyFact', async (t) => {
  t.equal(agencyFact(agencyDecider.initialState()), null);
  t.same(agencyFact(agencyDecider.evolve(agencyDecider.initialState(), registered)), { agencyId: AGENCY, unitCode: PROVINCE });
});
