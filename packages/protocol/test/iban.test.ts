import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isValidIban, normaliseIban } from '../src/index.ts';

/** Every IBAN of the seed's persona table ("Testez nos persona"). */
const SEED_IBANS = [
  'FR7613807008043001965405158',
  'FR7613807008043001965405255',
  'FR7613807008043001965405352',
  'FR7613807008043001965406128',
  'FR7613807008043001965406225',
  'FR7613807008043001965407195',
  'FR7613807008043001965407292',
  'FR7613807008043001965408165',
  'FR7613807008043001965408262',
  'FR7613807008043001965408359',
  'FR7613807008043001965409135',
  'FR7613807008063031966574122',
  'FR7613807008063031966574219',
  'FR7617515000920400430518020',
];

describe('IBAN structure and check digits (ISO 13616-1, ISO 7064 mod 97-10)', () => {
  test('every IBAN of the seed persona table is valid', () => {
    for (const iban of SEED_IBANS) assert.equal(isValidIban(iban), true, iban);
  });

  test('the seed acceptance case AC01 (FRXXXX807008043001965405158) is invalid', () => {
    assert.equal(isValidIban('FRXXXX807008043001965405158'), false);
  });

  test('changing one digit breaks the check digits', () => {
    assert.equal(isValidIban('FR7613807008043001965405159'), false);
    assert.equal(isValidIban('FR7713807008043001965405158'), false);
    assert.equal(isValidIban('FR7613807008043001965415158'), false);
  });

  test('a wrong BBAN length for the country is invalid', () => {
    assert.equal(isValidIban('FR761380700804300196540515'), false);
    assert.equal(isValidIban('FR76138070080430019654051580'), false);
    assert.equal(isValidIban('XX7613807008043001965405158'), false);
    assert.equal(isValidIban(''), false);
  });

  test('validation reads the electronic format; normalise typed input first', () => {
    const typed = ' fr76 1380 7008 0430 0196 5405 158 ';
    assert.equal(isValidIban(typed), false);
    assert.equal(normaliseIban(typed), 'FR7613807008043001965405158');
    assert.equal(isValidIban(normaliseIban(typed)), true);
  });

  test('other countries follow their own length: a German and a Belgian IBAN', () => {
    assert.equal(isValidIban('DE89370400440532013000'), true);
    assert.equal(isValidIban('BE68539007547034'), true);
  });
});
