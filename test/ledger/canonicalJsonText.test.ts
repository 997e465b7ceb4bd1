import fc from 'fast-check';
import t from 'tap';
import { isCanonicalJsonText } from '../../src/ledger/canonicalJsonText.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { edgyJson, spellings } from './jsonArbitraries.js';

// The sealer splices a leaf around the stored data text whenever isCanonicalJsonText says that
// text is canonical. It must say so exactly when canonicalize(JSON.parse(text)) gives the text back:
// a false "yes" would seal a leaf the verifier refuses, a false "no" only costs speed, but both are
// held to the definition here, on texts spelled every way and then damaged.

/** The definition: the text is the canonical spelling of its own parse. */
function canonical(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** Characters that matter to a JSON scanner, and some that do not, for damaging a text. */
const damage = fc.oneof(
  fc.constantFrom(...'"\\,:{}[] 0123456789.eE+-utrfnlbx/'.split('')),
  fc.constantFrom('\u0000', '\u001f', '\u007f', '\u2028', '\ud800', '\udc00', 'é', '😀', '\\u0041', '\\u001f', '\\u001F', '\\ud800', '\\n', '\\/'),
);

t.test('isCanonicalJsonText answers as canonicalize does, on every spelling of a value and on damaged ones', async (t) => {
  let canonicalSeen = 0;
  let refused = 0;
  fc.assert(
    fc.property(edgyJson, fc.array(fc.tuple(fc.nat(), fc.nat(2), damage), { maxLength: 3 }), (value, edits) => {
      for (const spelled of spellings(value)) {
        // Each spelling as it is, then with the edits applied one after another (insert, replace, delete).
        let text = spelled;
        for (let e = 0; e <= edits.length; e++) {
          const expected = canonical(text);
          if (isCanonicalJsonText(text) !== expected) {
            throw new Error(`isCanonicalJsonText(${JSON.stringify(text)}) should be ${expected}`);
          }
          if (expected) canonicalSeen++;
          else refused++;
          if (e === edits.length) break;
          const [where, how, what] = edits[e]!;
          const at = text.length === 0 ? 0 : where % (text.length + 1);
          text = how === 0 ? text.slice(0, at) + what + text.slice(at) : how === 1 ? text.slice(0, at) + what + text.slice(at + 1) : text.slice(0, at) + text.slice(at + 1);
        }
      }
    }),
    { numRuns: 5_000 },
  );
  t.ok(canonicalSeen > 3_000, `${canonicalSeen} canonical texts seen`);
  t.ok(refused > 5_000, `${refused} other texts seen`);
});

t.test('isCanonicalJsonText on the spellings a scanner gets wrong', async (t) => {
  const texts = [
    // numbers
    '0', '-0', '1', '-1', '01', '-01', '1.0', '1.5', '0.1', '.5', '1.', '+1', '-', '1e2', '1E2', '1e+21', '1e21', '1e-7', '0.0000001',
    '1.5e-7', '5e-324', '123456789012345', '999999999999999', '1234567890123456', '9007199254740991', '-9007199254740991',
    '9007199254740992', '-9007199254740992', '1e400', 'Infinity', 'NaN', '0x10', '1_000', '[1,-0]', '{"a":1e2}',
    // strings
    '""', '"a', 'a"', '"\\"', '"\\""', '"\\\\"', '"\\/"', '"/"', '"\\b"', '"\\u0008"', '"\\t"', '"\\u0009"', '"\\n"', '"\\u000a"',
    '"\\f"', '"\\u000c"', '"\\r"', '"\\u000d"', '"\\u0000"', '"\\u001f"', '"\\u001F"', '"\\u0020"', '"\\u0041"', '"\\x41"', '"\\u00"',
    '"\u0000"', '"\u001f"', '"\u007f"', '"\u2028"', '"é"', '"😀"', '"\\ud83d\\ude00"', '"\ud800"', '"\udc00"', '"\ud800a"', '"a\ud800"',
    '"\ud83d\ude00\ud83d"', '"\\ud800"', '"\\uD800"',
    // literals and structure
    'true', 'false', 'null', 'tru', 'nul', 'nulll', 'True', '', ' ', ' null', 'null ', '\ufeffnull', 'null,', '[]', '{}', '[ ]', '{ }',
    '[1,]', '[,1]', '[1,2]', '[1 ,2]', '[[],[[]]]', '[', ']', '{', '{"a"}', '{"a":}', '{"a":1,}', '{,"a":1}', '{"a":1}', '{"a" :1}',
    '{"a": 1}', "{'a':1}", '{a:1}', '{"a":1}{"b":2}', '[1][2]',
    // member order
    '{"a":1,"b":2}', '{"b":1,"a":2}', '{"a":1,"a":2}', '{"":1,"a":2}', '{"a":1,"":2}', '{"10":1,"9":2}', '{"9":1,"10":2}',
    '{"a":1,"ab":2}', '{"ab":1,"a":2}', '{"A":1,"a":2}', '{"z":1,"é":2}', '{"é":1,"z":2}', '{"\\n":1,"a":2}', '{"a":1,"\\n":2}',
    '{"\\u001f":1,"A":2}', '{"A":1,"\\u001f":2}', '{"\\"":1,"#":2}', '{"#":1,"\\"":2}', '{"\\\\":1,"]":2}', '{"]":1,"\\\\":2}',
    '{"😀":1,"\uffff":2}', '{"\uffff":1,"😀":2}', '{"__proto__":1}', '{"a":{"b":1,"a":2}}', '{"b":{"a":1},"a":2}',
  ];
  // Named in ASCII: a raw U+2028 in a test's name would break the TAP line it is reported on.
  const ascii = (text: string) => JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  for (const text of texts) t.equal(isCanonicalJsonText(text), canonical(text), ascii(text));
});

t.test('isCanonicalJsonText answers true for the canonical text of any value canonicalize accepts', async (t) => {
  let accepted = 0;
  fc.assert(
    fc.property(edgyJson, (value) => {
      let text: string;
      try {
        text = canonicalize(value);
      } catch {
        return true;
      }
      accepted++;
      return isCanonicalJsonText(text);
    }),
    { numRuns: 3_000 },
  );
  t.ok(accepted > 1_000, `${accepted} values canonicalize accepts`);
});

t.test('nesting deeper than 100 levels answers false, without overflowing the stack (the exact path canonicalizes it)', async (t) => {
  for (const depth of [101, 5_000, 50_000]) {
    t.equal(isCanonicalJsonText(`${'['.repeat(depth)}${']'.repeat(depth)}`), false, `${depth} arrays`);
    t.equal(isCanonicalJsonText(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`), false, `${depth} objects`);
  }
  t.equal(isCanonicalJsonText(`${'['.repeat(100)}${']'.repeat(100)}`), true, '100 levels of arrays are checked');
  t.equal(isCanonicalJsonText(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`), true, '100 levels of objects are checked');
  t.equal(isCanonicalJsonText(`${'{"a":'.repeat(99)}{"a":1,"b":2}${'}'.repeat(99)}`), true, 'the 100th level is checked');
  t.equal(isCanonicalJsonText(`${'{"a":'.repeat(99)}{"b":1,"a":2}${'}'.repeat(99)}`), false, 'and refused when out of order');
});
