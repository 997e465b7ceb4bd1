import fc from 'fast-check';
import t from 'tap';
import { LedgerEncodingError, canonicalBytes, canonicalize, serializeNumber } from '#src/ledger/index.js';

// RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text (NaN and Infinity are errors).
const APPENDIX_B: [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];
const fromBits = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

/** Arguments for `t.throws`: canonicalizing `value` fails with this reason at this path. */
type Refusal = [() => unknown, { code: string; reason: string; path: string }, string];

function refused(value: unknown, reason: string, path: string): Refusal {
  return [() => canonicalize(value), { code: 'LEDGER_UNREPRESENTABLE_VALUE', reason, path }, `${reason} at ${path}`];
}

t.test('RFC 8785 Appendix B number serialization', async (t) => {
  for (const [bits, text] of APPENDIX_B) t.equal(serializeNumber(fromBits(bits)), text, bits);
  t.throws(...refused(fromBits('7fffffffffffffff'), 'non-finite-number', '$'));
  t.throws(...refused(fromBits('7ff0000000000000'), 'non-finite-number', '$'));
});

t.test('the ledger accepts non-integers and safe integers, refuses integers beyond 2^53 - 1', async (t) => {
  for (const [bits, text] of APPENDIX_B) {
    const x = fromBits(bits);
    if (Number.isInteger(x) && !Number.isSafeInteger(x)) t.throws(...refused([x], 'unsafe-integer', '$[0]'));
    else t.equal(canonicalize([x]), `[${text}]`, text);
  }
  t.equal(canonicalize([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]), '[9007199254740991,-9007199254740991]');
});

t.test('RFC 8785 §3.2.2 example, without 1E30 (an integer beyond 2^53 the ledger refuses)', async (t) => {
  const input = String.raw`{"numbers": [333333333.33333329, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}`;
  const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
  t.equal(canonicalize(JSON.parse(input)), expected);
  t.same(canonicalBytes(JSON.parse(input)), new Uint8Array(Buffer.from(expected, 'utf8')), 'UTF-8 (§3.2.4)');
  t.equal(serializeNumber(1e30), '1e+30');
  t.throws(...refused({ numbers: [1e30] }, 'unsafe-integer', '$.numbers[0]'));
});

t.test('RFC 8785 §3.2.3 sorts non-ASCII keys by UTF-16 code units', async (t) => {
  const input = String.raw`{"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}`;
  const expected =
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
    '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}';
  t.equal(canonicalize(JSON.parse(input)), expected);
});

t.test('Vietnamese text passes as raw UTF-8, and JCS does not normalize Unicode', async (t) => {
  const cadre = { 'địa bàn': 'Phường Bến Nghé, Quận 1', tên: 'Nguyễn Thị Hồng Nhung', 'chức vụ': 'Bí thư' };
  const expected = '{"chức vụ":"Bí thư","tên":"Nguyễn Thị Hồng Nhung","địa bàn":"Phường Bến Nghé, Quận 1"}';
  t.equal(canonicalize(cadre), expected, 'c (0x63) < t (0x74) < đ (0x111)');
  t.same(canonicalBytes(cadre), new Uint8Array(Buffer.from(expected, 'utf8')));
  t.not(canonicalize('Nguyễn'.normalize('NFC')), canonicalize('Nguyễn'.normalize('NFD')));
});

t.test('refuses what JCS cannot represent, naming the path', async (t) => {
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  t.throws(...refused(undefined, 'undefined', '$'));
  t.throws(...refused({ a: { b: undefined } }, 'undefined', '$.a.b'));
  t.throws(...refused([1, () => 1], 'function', '$[1]'));
  t.throws(...refused({ s: Symbol('x') }, 'symbol', '$.s'));
  t.throws(...refused({ amount: 10n }, 'bigint', '$.amount'));
  t.throws(...refused([NaN], 'non-finite-number', '$[0]'));
  t.throws(...refused({ x: -Infinity }, 'non-finite-number', '$.x'));
  t.throws(...refused({ id: 2 ** 53 }, 'unsafe-integer', '$.id'));
  t.throws(...refused({ name: 'a\ud800b' }, 'lone-surrogate', '$.name'));
  t.throws(...refused({ 'k\udc00': 1 }, 'lone-surrogate', '$["k\\udc00"]'));
  t.throws(...refused({ at: new Date(0) }, 'non-plain-object', '$.at'));
  t.throws(...refused({ m: new Map() }, 'non-plain-object', '$.m'));
  t.throws(...refused({ u: new Uint8Array(2) }, 'non-plain-object', '$.u'));
  t.throws(...refused({ [Symbol('hidden')]: 1 }, 'symbol-key', '$'));
  t.throws(...refused(cycle, 'cycle', '$.self'));
  t.throws(...refused({ 'địa bàn': [1, , 3] }, 'undefined', '$["địa bàn"][1]')); // eslint-disable-line no-sparse-arrays
  t.ok(captured(() => canonicalize(undefined)) instanceof LedgerEncodingError);
});

t.test('edge values', async (t) => {
  t.equal(canonicalize(-0), '0');
  t.equal(canonicalize(Object.assign(Object.create(null) as object, { b: 1, a: [] })), '{"a":[],"b":1}');
  t.equal(canonicalize({ shared: [1], again: [1] }), '{"again":[1],"shared":[1]}', 'shared subtrees are not cycles');
  t.equal(canonicalize('😀\u001f\u007f'), '"😀\\u001f\u007f"');
});

/** Replaces integers JCS refuses so fast-check explores everything else. */
function safeNumbers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) && !Number.isSafeInteger(value) ? 0.5 : value;
  if (Array.isArray(value)) return value.map(safeNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, safeNumbers(v)]));
  }
  return value;
}

t.test('canonical text parses back to itself and ignores key order (fast-check)', async (t) => {
  fc.assert(
    fc.property(fc.jsonValue().map(safeNumbers), (value) => {
      const text = canonicalize(value);
      const reversed = JSON.parse(text, (_k, v: unknown) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
      ) as unknown;
      return canonicalize(JSON.parse(text)) === text && canonicalize(reversed) === text;
    }),
    { numRuns: 500 },
  );
  t.pass();
});

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
