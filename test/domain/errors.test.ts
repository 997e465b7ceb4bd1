import t from 'tap';
import { DomainError, domainErrorCodeList, domainErrorCodes, isDomainError } from '#src/domain/errors.js';

t.test('every code is UPPER_SNAKE with a one-line meaning', async (t) => {
  for (const code of domainErrorCodeList) {
    t.match(code, /^[A-Z]+(_[A-Z]+)*$/);
    t.ok(domainErrorCodes[code].length > 10 && !domainErrorCodes[code].includes('\n'), code);
  }
});

t.test('DomainError carries a code and the field at fault', async (t) => {
  const error = new DomainError('VISIT_OVERLAPS', undefined, 'startDate');
  t.ok(error instanceof Error);
  t.ok(isDomainError(error));
  t.equal(error.code, 'VISIT_OVERLAPS');
  t.equal(error.field, 'startDate');
  t.equal(error.message, domainErrorCodes.VISIT_OVERLAPS);
  t.equal(error.name, 'DomainError');
  t.notOk(isDomainError(new Error('x')));
});
