import t from 'tap';
import { commitment, congressTerm, isoDate, unitCode } from '#events/common.js';
import { registry, type EventType } from '#events/registry.js';
import { examples } from './examples.js';

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  return 'not-the-right-type';
}

t.test('every event schema', async (t) => {
  for (const type of Object.keys(registry) as EventType[]) {
    const { schema } = registry[type];
    const example: Record<string, unknown> = examples[type];
    t.test(type, async (t) => {
      t.ok(schema.safeParse(example).success, 'accepts a valid example');
      t.notOk(schema.safeParse({ ...example, occurredAt: '2025-01-01T00:00:00Z' }).success, 'rejects unknown fields (no envelope fields in data)');
      for (const [field, value] of Object.entries(example)) {
        t.notOk(schema.safeParse({ ...example, [field]: wrongType(value) }).success, `rejects a wrong type for ${field}`);
      }
      t.notOk(schema.safeParse(null).success, 'rejects null');
    });
  }
});

t.test('field formats', async (t) => {
  t.ok(isoDate.safeParse('2024-02-29').success, 'a leap day');
  for (const bad of ['2025-02-29', '2025-13-01', '2025-04-31', '2025-1-01', '2025-01-01T00:00:00Z', '']) {
    t.notOk(isoDate.safeParse(bad).success, `not a date: ${bad}`);
  }
  for (const good of ['01', '001', '00001', '00001001', '00001001001']) t.ok(unitCode.safeParse(good).success, `unit code ${good}`);
  for (const bad of ['1', '0001', '000001', 'abcde', '0000100']) t.notOk(unitCode.safeParse(bad).success, `not a unit code: ${bad}`);
  t.ok(congressTerm.safeParse('2020-2025').success);
  t.notOk(congressTerm.safeParse('2020-2024').success, 'a term lasts five years');
  t.notOk(commitment.safeParse({ commitment: 'A'.repeat(64) }).success, 'lower-case hex');
  t.notOk(commitment.safeParse({ commitment: 'a'.repeat(63) }).success, '64 hex digits');
});

t.test('cross-field checks in schemas', async (t) => {
  const { UnitsMerged, ReportAmended, CadreEvaluationAmended, QuotaPolicyAmended } = Object.fromEntries(
    Object.entries(registry).map(([type, definition]) => [type, definition.schema]),
  );
  t.notOk(UnitsMerged?.safeParse({ ...examples.UnitsMerged, fromCodes: ['02641', '02641'] }).success, 'merged codes do not repeat');
  t.notOk(ReportAmended?.safeParse({ reportId: examples.ReportAmended.reportId, reason: 'x' }).success, 'an amendment changes a field');
  t.notOk(CadreEvaluationAmended?.safeParse({ evaluationId: examples.CadreEvaluationAmended.evaluationId, reason: 'x' }).success);
  t.notOk(QuotaPolicyAmended?.safeParse({ ...examples.QuotaPolicyAmended, changes: {} }).success);
  t.notOk(
    registry.QuotaPolicyIssued.schema.safeParse({ ...examples.QuotaPolicyIssued, terms: { ...examples.QuotaPolicyIssued.terms, rule: { kind: 'share-of-working-days', share: 1.5 } } }).success,
    'a share is at most 1',
  );
  t.notOk(
    registry.CadreRegistered.schema.safeParse({ ...examples.CadreRegistered, fullName: 'Nguyễn Văn A' }).success,
    'personal fields are commitments, never plain values',
  );
});
