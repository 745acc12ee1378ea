import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { canonicalDn, DnSyntaxError, formatDn, parseDn, sameDn } from '../src/index.ts';

const X500_ORDER = [
  { type: '2.5.4.6', value: 'FR' },
  { type: '2.5.4.10', value: 'Some QTSP, SA' },
  { type: '2.5.4.97', value: 'NTRFR-123456789' },
  { type: '2.5.4.3', value: 'Some QTSP CA 2026' },
];

describe('distinguished names are compared by meaning, not by spelling', () => {
  test('RFC 4514 order and X.500 order name the same issuer', () => {
    const rfc4514 = parseDn('CN=Some QTSP CA 2026,2.5.4.97=NTRFR-123456789,O=Some QTSP\\, SA,C=FR');
    const x500 = parseDn(
      'C=FR, O="Some QTSP, SA", organizationIdentifier=NTRFR-123456789, CN=Some QTSP CA 2026',
    );
    assert.ok(sameDn(rfc4514, x500));
    assert.ok(sameDn(rfc4514, X500_ORDER));
  });

  test('attribute names, OIDs (with or without OID. prefix), case and spacing do not matter', () => {
    const variants = [
      'cn = some qtsp ca 2026 ; OID.2.5.4.97=NTRFR-123456789; o=Some QTSP\\2C SA ;c=fr',
      'commonName=Some  QTSP CA 2026,ORGANIZATIONIDENTIFIER=NTRFR-123456789,organizationName=Some QTSP\\, SA,countryName=FR',
      'CN=Some QTSP CA 2026,2.5.4.97=#0C0F4E545246522D313233343536373839,O=Some QTSP\\, SA,C=FR',
    ];
    for (const variant of variants) assert.ok(sameDn(parseDn(variant), X500_ORDER), variant);
  });

  test('a different value is a different name', () => {
    assert.ok(!sameDn(parseDn('CN=Other CA,O=Some QTSP\\, SA,C=FR'), X500_ORDER));
    assert.ok(!sameDn(parseDn('CN=Some QTSP CA 2026,O=Some QTSP\\, SA,C=FR'), X500_ORDER));
  });

  test('formatDn writes RFC 4514 with escapes that parseDn reads back', () => {
    const text = formatDn(X500_ORDER);
    assert.equal(text, 'CN=Some QTSP CA 2026,2.5.4.97=NTRFR-123456789,O=Some QTSP\\, SA,C=FR');
    assert.equal(canonicalDn(parseDn(text)), canonicalDn(X500_ORDER));
  });

  test('syntax errors are reported as DnSyntaxError', () => {
    for (const bad of ['', 'CN', 'XYZ=1', 'CN="open', 'CN=a,', 'CN=a\\', 'CN=#1e0141']) {
      assert.throws(() => parseDn(bad), DnSyntaxError, bad);
    }
  });

  test('any input either parses or fails with DnSyntaxError (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), (text) => {
        try {
          parseDn(text);
        } catch (error) {
          assert.ok(error instanceof DnSyntaxError, String(error));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('formatted names always parse back to the same name (property)', () => {
    const attribute = fc.record({
      type: fc.constantFrom('2.5.4.3', '2.5.4.10', '2.5.4.6', '2.5.4.97', '2.5.4.11'),
      value: fc
        .string({ minLength: 1, maxLength: 20 })
        .filter((value) => value.trim() === value && value.length > 0),
    });
    fc.assert(
      fc.property(fc.array(attribute, { minLength: 1, maxLength: 5 }), (dn) => {
        assert.equal(canonicalDn(parseDn(formatDn(dn))), canonicalDn(dn));
      }),
      { numRuns: 1000 },
    );
  });
});
