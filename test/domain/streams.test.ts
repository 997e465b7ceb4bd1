import t from 'tap';
import {
  agencyStream, boardStream, cadreStream, evaluationStream, fieldworkStream, planStream, policyStream, recommendationStream,
  streamFamilyOf, unitStream,
} from '#events/streams.js';
import { id } from './fixtures.js';

t.test('stream names', async (t) => {
  t.equal(unitStream('00001'), 'unit-00001', 'leading zeros kept');
  t.equal(boardStream('15'), 'board-15');
  t.equal(planStream(id(900), '2025-04'), `plan-${id(900)}-2025-04`);
  t.equal(fieldworkStream(id(1), 2025), `fieldwork-${id(1)}-2025`);
  t.equal(evaluationStream('02641', 2024), 'evaluations-02641-2024');
  const names = {
    unit: unitStream('01'), agency: agencyStream(id(900)), cadre: cadreStream(id(1)), policy: policyStream(id(500)), board: boardStream('10'),
    plan: planStream(id(900), '2025-04'), fieldwork: fieldworkStream(id(1), 2025), recommendation: recommendationStream(id(401)),
    evaluation: evaluationStream('02641', 2024),
  };
  for (const [family, name] of Object.entries(names)) t.equal(streamFamilyOf(name), family, name);
  t.equal(streamFamilyOf('ledger-1'), null);
  t.equal(streamFamilyOf('constructor-1'), null);
});
