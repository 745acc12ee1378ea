import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isValidIban } from '@openstet/protocol';
import { establishmentCustomers } from '../src/bank/sandbox/establishment-customers.ts';
import { SEED_ESTABLISHMENTS } from '../src/bank/seed-establishments.ts';
import { ConfigError, loadConfig } from '../src/config.ts';

const codes = (env: Record<string, string>) => loadConfig(env).establishments.map((e) => e.code);

describe('OPENSTET_ESTABLISHMENTS and OPENSTET_DEFAULT_CDETAB', () => {
  test('default: the seed table’s 11 codes and 13 brands, 13807 the default', () => {
    const config = loadConfig({});
    assert.deepEqual(codes({}), [
      '10807',
      '16807',
      '10207',
      '18707',
      '13507',
      '16607',
      '10907',
      '14707',
      '17807',
      '13807',
      '14607',
    ]);
    assert.equal(config.establishments.flatMap((e) => e.brands).length, 13);
    assert.equal(config.defaultCdetab, '13807');
  });

  test('a list of seed codes narrows it; an unknown code or an unserved default is refused at start', () => {
    assert.deepEqual(codes({ OPENSTET_ESTABLISHMENTS: '16807, 13807' }), ['16807', '13807']);
    assert.throws(
      () => loadConfig({ OPENSTET_ESTABLISHMENTS: '16807,99999' }),
      (error) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^OPENSTET_ESTABLISHMENTS: 99999 is not in the seed's table/);
        return true;
      },
    );
    assert.throws(
      () => loadConfig({ OPENSTET_ESTABLISHMENTS: '16807' }),
      /OPENSTET_DEFAULT_CDETAB: 13807 is not one of the establishments served/,
    );
    assert.equal(
      loadConfig({ OPENSTET_ESTABLISHMENTS: '16807', OPENSTET_DEFAULT_CDETAB: '16807' }).defaultCdetab,
      '16807',
    );
  });

  test('a bank’s own JSON table, codes as numbers or strings; a malformed entry names its index', () => {
    const directory = mkdtempSync(join(tmpdir(), 'openstet-establishments-'));
    const file = join(directory, 'establishments.json');
    writeFileSync(
      file,
      JSON.stringify([
        { code: 12345, bic: 'BANKFRPPXXX', brands: [{ name: 'Banque Test', shortName: 'BT' }] },
      ]),
    );
    const config = loadConfig({ OPENSTET_ESTABLISHMENTS: file, OPENSTET_DEFAULT_CDETAB: '12345' });
    assert.deepEqual(config.establishments, [
      { code: '12345', bic: 'BANKFRPPXXX', brands: [{ name: 'Banque Test', shortName: 'BT' }] },
    ]);
    writeFileSync(file, JSON.stringify([{ code: '1234', bic: 'BANKFRPPXXX', brands: [] }]));
    assert.throws(
      () => loadConfig({ OPENSTET_ESTABLISHMENTS: file }),
      /\[0\] needs a five-digit code, a BIC and brands/,
    );
  });

  test('each establishment but 13807 has a sandbox customer, named as in the README whichever are served', () => {
    const customers = establishmentCustomers(SEED_ESTABLISHMENTS);
    assert.equal(customers.length, 10);
    for (const customer of customers) {
      const code = customer.profile.establishmentCode;
      assert.equal(customer.profile.onlineBankingId, `C${code}01`);
      assert.equal(customer.password, `${customer.persona}#${code}`);
      const iban = customer.accounts[0]?.iban ?? '';
      assert.ok(isValidIban(iban), iban);
      assert.equal(iban.slice(4, 9), code, 'the IBAN carries the establishment code');
    }
    const narrowed = establishmentCustomers(
      loadConfig({ OPENSTET_ESTABLISHMENTS: '16807,13807' }).establishments,
    );
    assert.deepEqual(
      narrowed.map((c) => c.password),
      ['Louis#16807'],
    );
  });
});
