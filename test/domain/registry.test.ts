import t from 'tap';
import { EventSchemaError } from '#events/errors.js';
import { decodeEvent, encodeEvent, registry, upcast } from '#events/registry.js';
import { streamFamilies } from '#events/streams.js';
import { examples } from './examples.js';

const v1 = {
  visitId: examples.VisitLogged.visitId, cadreId: examples.VisitLogged.cadreId, unitCode: '02641', date: '2019-05-04',
  purposes: ['Dự sinh hoạt chi bộ'], activities: [{ kind: 'party-cell-meeting' }, { kind: 'dialogue-with-residents', note: 'Thôn 3' }],
};

t.test('upcast lifts VisitLogged v1 (one day) to v2 (start, end, dated activities)', async (t) => {
  t.same(upcast('VisitLogged', 1, v1), {
    visitId: v1.visitId, cadreId: v1.cadreId, unitCode: '02641', startDate: '2019-05-04', endDate: '2019-05-04', purposes: ['Dự sinh hoạt chi bộ'],
    activities: [{ kind: 'party-cell-meeting', date: '2019-05-04' }, { kind: 'dialogue-with-residents', note: 'Thôn 3', date: '2019-05-04' }],
  });
});

t.test('the current version passes through, validated', async (t) => {
  t.same(upcast('VisitLogged', 2, examples.VisitLogged), examples.VisitLogged);
  t.same(upcast('UnitRated', 1, examples.UnitRated), examples.UnitRated);
});

t.test('decodeEvent reads a stored event back', async (t) => {
  t.same(decodeEvent('VisitLogged', 1, v1).type, 'VisitLogged');
  const failure = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error instanceof EventSchemaError ? error.code : 'other';
    }
    return 'none';
  };
  t.equal(failure(() => decodeEvent('VisitTeleported', 1, {})), 'EVENT_TYPE_UNKNOWN');
  t.equal(failure(() => decodeEvent('VisitLogged', 3, examples.VisitLogged)), 'EVENT_VERSION_UNSUPPORTED');
  t.equal(failure(() => decodeEvent('VisitLogged', 0, examples.VisitLogged)), 'EVENT_VERSION_UNSUPPORTED');
  t.equal(failure(() => decodeEvent('VisitLogged', 1, { ...v1, date: '2019-02-30' })), 'EVENT_DATA_INVALID');
  t.equal(failure(() => decodeEvent('VisitLogged', 2, v1)), 'EVENT_DATA_INVALID', 'v1 data claimed as v2');
});

t.test('encodeEvent stamps the current schema version', async (t) => {
  t.same(encodeEvent({ type: 'VisitLogged', data: examples.VisitLogged }), { type: 'VisitLogged', schemaVersion: 2, data: examples.VisitLogged });
  t.equal(encodeEvent({ type: 'PlanSubmitted', data: examples.PlanSubmitted }).schemaVersion, 1);
});

t.test('every event belongs to a stream family, every family has events', async (t) => {
  const families = new Set(Object.values(registry).map((definition) => definition.family));
  t.same([...families].sort(), [...streamFamilies].sort());
});
