import t from 'tap';
import type { CadreRegistered } from '#events/cadres.js';
import type { CadreEvent } from '#events/registry.js';
import {
  cadreDecider, cadreFactOn, type ChangeCadrePosition, type EraseCadrePersonalData, type RetireCadre, type TransferCadre,
} from '#src/domain/cadre/index.js';
import { agencyFact, id, meta } from './fixtures.js';
import { specFor } from './givenWhenThen.js';

const given = specFor(cadreDecider);
const CADRE = id(1);
const AGENCY = id(900);
const OTHER_AGENCY = id(901);
const hash = (c: string) => ({ commitment: c.repeat(64) });

const data: CadreRegistered = {
  cadreId: CADRE, fullName: hash('a'), dateOfBirth: hash('b'), position: 'Phó Giám đốc Sở', agencyId: AGENCY,
  level: 'province', expertise: ['nông nghiệp'], inSuccessionPlan: true,
};
const registered: CadreEvent = { type: 'CadreRegistered', data };
const retired: CadreEvent = { type: 'CadreRetired', data: { cadreId: CADRE, effectiveDate: '2025-01-01' } };

const transfer = (overrides: Partial<TransferCadre['data']> = {}): TransferCadre => ({
  type: 'TransferCadre',
  data: { cadreId: CADRE, toAgencyId: OTHER_AGENCY, position: 'Giám đốc Sở', level: 'province', effectiveDate: '2024-06-01', decisionRef: '12-QĐ/TU', ...overrides },
  metadata: meta(),
});
const changePosition: ChangeCadrePosition = {
  type: 'ChangeCadrePosition', data: { cadreId: CADRE, position: 'Giám đốc Sở', inSuccessionPlan: false, effectiveDate: '2024-06-01' }, metadata: meta(),
};
const retire: RetireCadre = { type: 'RetireCadre', data: retired.data as RetireCadre['data'], metadata: meta() };
const erase = (fields: EraseCadrePersonalData['data']['fields']): EraseCadrePersonalData => ({
  type: 'EraseCadrePersonalData', data: { cadreId: CADRE, fields, reason: 'yêu cầu của cán bộ' }, metadata: meta(),
});

t.test('RegisterCadre', async (t) => {
  t.test('records commitments, never plain personal values', async () => {
    given([]).when({ type: 'RegisterCadre', data, metadata: meta() }, { agency: agencyFact(AGENCY) }).then([registered]);
  });
  t.test('once', async () => {
    given([registered]).when({ type: 'RegisterCadre', data, metadata: meta() }, { agency: agencyFact(AGENCY) }).thenThrows('CADRE_ALREADY_REGISTERED', 'cadreId');
  });
  t.test('in an existing agency', async () => {
    given([]).when({ type: 'RegisterCadre', data, metadata: meta() }, { agency: null }).thenThrows('AGENCY_NOT_FOUND', 'agencyId');
  });
});

t.test('TransferCadre', async (t) => {
  t.test('records the agency left', async () => {
    given([registered]).when(transfer(), { agency: agencyFact(OTHER_AGENCY) })
      .then([{ type: 'CadreTransferred', data: { ...transfer().data, fromAgencyId: AGENCY } }]);
  });
  t.test('the cadre must exist and be in service on the date', async () => {
    given([]).when(transfer(), { agency: agencyFact(OTHER_AGENCY) }).thenThrows('CADRE_NOT_FOUND', 'cadreId');
    given([registered, retired]).when(transfer({ effectiveDate: '2025-01-01' }), { agency: agencyFact(OTHER_AGENCY) }).thenThrows('CADRE_NOT_ACTIVE', 'cadreId');
  });
  t.test('to another, existing agency', async () => {
    given([registered]).when(transfer({ toAgencyId: AGENCY }), { agency: agencyFact(AGENCY) }).thenThrows('CADRE_ALREADY_IN_AGENCY', 'toAgencyId');
    given([registered]).when(transfer(), { agency: null }).thenThrows('AGENCY_NOT_FOUND', 'toAgencyId');
  });
});

t.test('ChangeCadrePosition', async (t) => {
  t.test('changes position and succession-plan flag', async () => {
    given([registered]).when(changePosition, {}).then([{ type: 'CadrePositionChanged', data: changePosition.data }]);
  });
  t.test('not after retirement', async () => {
    given([registered, retired]).when({ ...changePosition, data: { ...changePosition.data, effectiveDate: '2025-02-01' } }, {})
      .thenThrows('CADRE_NOT_ACTIVE', 'cadreId');
  });
});

t.test('RetireCadre', async (t) => {
  t.test('retires once', async () => {
    given([registered]).when(retire, {}).then([retired]);
    given([registered, retired]).when(retire, {}).thenThrows('CADRE_ALREADY_RETIRED', 'cadreId');
    given([]).when(retire, {}).thenThrows('CADRE_NOT_FOUND', 'cadreId');
  });
});

t.test('EraseCadrePersonalData', async (t) => {
  t.test('erases recorded fields, also after retirement', async () => {
    given([registered, retired]).when(erase(['fullName', 'dateOfBirth']), {}).then([{ type: 'CadrePersonalDataErased', data: erase(['fullName', 'dateOfBirth']).data }]);
  });
  t.test('each field once, and only if it was recorded', async () => {
    const erased: CadreEvent = { type: 'CadrePersonalDataErased', data: erase(['fullName']).data };
    given([registered, erased]).when(erase(['dateOfBirth', 'fullName']), {}).thenThrows('PERSONAL_DATA_ALREADY_ERASED', 'fields.1');
    given([registered]).when(erase(['phone']), {}).thenThrows('PERSONAL_DATA_ALREADY_ERASED', 'fields.0');
    given([registered]).when(erase(['fullName', 'fullName']), {}).thenThrows('PERSONAL_DATA_ALREADY_ERASED', 'fields.1');
  });
});

t.test('cadreFactOn follows postings and retirement', async (t) => {
  const state = [
    registered,
    { type: 'CadreTransferred', data: { ...transfer().data, fromAgencyId: AGENCY } },
    { type: 'CadrePositionChanged', data: { ...changePosition.data, position: 'Bí thư', effectiveDate: '2024-09-01' } },
    retired,
  ].reduce((s, e) => cadreDecider.evolve(s, e as CadreEvent), cadreDecider.initialState());
  t.same(cadreFactOn(state, '2024-05-31'), { cadreId: CADRE, asOf: '2024-05-31', active: true, agencyId: AGENCY, level: 'province', position: 'Phó Giám đốc Sở' });
  t.same(cadreFactOn(state, '2024-06-01')?.agencyId, OTHER_AGENCY);
  t.same(cadreFactOn(state, '2024-10-01')?.position, 'Bí thư');
  t.same(cadreFactOn(state, '2024-10-01')?.agencyId, OTHER_AGENCY, 'a position change keeps the agency');
  t.equal(cadreFactOn(state, '2025-01-01')?.active, false);
  t.equal(cadreFactOn(cadreDecider.initialState(), '2025-01-01'), null);
});
