import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAmount, isValidIban, parseAmount } from '@openstet/protocol';
import { SANDBOX_PERSONAS } from '../src/bank/sandbox/personas.ts';
import { sandboxCoreBanking } from '../src/bank/sandbox/sandbox-core-banking.ts';
import { withTimeout } from '../src/bank/with-timeout.ts';
import { coversAmount } from '../src/core/funds/covers-amount.ts';
import { CoreBankingUnavailable } from '../src/core/ports/core-banking.ts';

/** The seed's persona table ("Testez nos persona"), copied by hand, one row per account. */
const SEED_TABLE = [
  ['Marc', 'Cadre', 'D0999990I0', 'FR7613807008043001965405158', '038-CPT30019654051', '4348.95'],
  ['Marc', 'Cadre', 'D0999990I0', 'FR7613807008043001965405255', '038-CPT30019654052', '459.56'],
  ['Marc', 'Cadre', 'D0999990I0', 'FR7613807008043001965405352', '038-CPT30019654053', '2165.50'],
  ['Marie', 'Retraite', 'D0999991I0', 'FR7613807008043001965406128', '038-CPT30019654061', '1754.03'],
  ['Marie', 'Retraite', 'D0999991I0', 'FR7613807008043001965406225', '038-CPT30019654062', '11429.00'],
  ['Thomas', 'Etudiant', 'D0999980', 'FR7613807008043001965407195', '038-CPT30019654071', '749.27'],
  ['Thomas', 'Etudiant', 'D0999980', 'FR7613807008043001965407292', '038-CPT30019654072', '-20000.00'],
  ['Alix', 'Cadre', 'D0999992I0', 'FR7613807008043001965408165', '038-CPT30019654081', '52.00'],
  ['Alix', 'Cadre', 'D0999992I0', 'FR7613807008043001965408262', '038-CPT30019654082', '395.45'],
  ['Alix', 'Cadre', 'D0999992I0', 'FR7613807008043001965408359', '038-CPT30019654083', '298.19'],
  ['Tech’n Co', 'Entreprise', 'D0999993I0', 'FR7613807008043001965409135', '038-CPT30019654091', '63917.00'],
  ['Adam', 'Entrepreneur', 'D0999994I0', 'FR7613807008063031966574122', '038-CPT30319665741', '0.00'],
  ['Adam', 'Entrepreneur', 'D0999994I0', 'FR7613807008063031966574219', '038-CPT30319665742', '-2894.05'],
  ['Lea', 'Cadre', '755238649', 'FR7617515000920400430518020', '038-CPT04004305180', '-150.00'],
] as const;

const SEED_PERSONA_IDS = [...new Set(SEED_TABLE.map((row) => row[2]))];

const eur = (amount: string) => parseAmount(amount, 'EUR');

async function psu(onlineBankingId: string) {
  const profile = await sandboxCoreBanking().findPsu('13807', onlineBankingId);
  assert.ok(profile, onlineBankingId);
  return profile;
}

/** What one funds check reads of an account at 13807 (asked for Marc: the account does not depend on who asks). */
async function accountOf(iban: string, bank = sandboxCoreBanking()) {
  return (await bank.fundsCheck('13807', 'psu-marc', iban)).account;
}

/** The balances of an account the sandbox holds, as a funds check reads them. */
async function positionOf(iban: string, bank = sandboxCoreBanking()) {
  const account = await accountOf(iban, bank);
  assert.ok(account, iban);
  return account.position;
}

/** The PSU's subscription, as a funds check reads it (on one of Marc's accounts). */
async function subscriptionOf(psuId: string, bank = sandboxCoreBanking()) {
  return (await bank.fundsCheck('13807', psuId, 'FR7613807008043001965405158')).subscription;
}

async function covers(iban: string, amount: string): Promise<boolean> {
  return coversAmount(await positionOf(iban), eur(amount));
}

describe('the sandbox bank holds every persona of the seed table exactly', () => {
  test('every account row: persona, segment, online-banking id, establishment 13807, IBAN, number, Solde, EUR', async () => {
    const bank = sandboxCoreBanking();
    const rows = [];
    for (const onlineBankingId of SEED_PERSONA_IDS) {
      const profile = await psu(onlineBankingId);
      const persona = SANDBOX_PERSONAS.find((p) => p.profile.psuId === profile.psuId)!.persona;
      assert.equal(profile.establishmentCode, '13807');
      for (const account of await bank.currentAccounts(profile.psuId)) {
        assert.deepEqual([account.currency, account.psuId], ['EUR', profile.psuId]);
        const solde = formatAmount((await positionOf(account.iban, bank)).accountingBalance);
        rows.push([
          persona,
          profile.segment,
          profile.onlineBankingId,
          account.iban,
          account.accountNumber,
          solde,
        ]);
      }
    }
    assert.deepEqual(rows, SEED_TABLE);
  });

  test('the seed personas come first, in table order, then the two sandbox-only personas', () => {
    assert.deepEqual(
      SANDBOX_PERSONAS.map((p) => [p.persona, p.fromSeed]),
      [
        ['Marc', true],
        ['Marie', true],
        ['Thomas', true],
        ['Alix', true],
        ['Tech’n Co', true],
        ['Adam', true],
        ['Lea', true],
        ['Hugo', false],
        ['Iris', false],
      ],
    );
  });

  test('every IBAN of the sandbox, the invented ones included, is a valid IBAN (ISO 13616)', () => {
    const ibans = SANDBOX_PERSONAS.flatMap((p) => p.accounts.map((a) => a.iban));
    assert.equal(ibans.length, 16);
    for (const iban of ibans) assert.equal(isValidIban(iban), true, iban);
  });

  test('persona data is frozen', () => {
    const marc = SANDBOX_PERSONAS[0]!;
    assert.ok(Object.isFrozen(SANDBOX_PERSONAS) && Object.isFrozen(marc) && Object.isFrozen(marc.profile));
    assert.ok(Object.isFrozen(marc.accounts) && Object.isFrozen(marc.accounts[0]));
  });
});

describe('seed acceptance cases: the solde minute decides (seed "Tests d\'acceptance")', () => {
  test('FR76…5158: solde minute 4179.00, so 4179.00 is covered and 4179.01 is not', async () => {
    const position = await positionOf('FR7613807008043001965405158');
    assert.deepEqual(
      [position.accountingBalance, position.instantBalance, position.authorisedOverdraft].map(formatAmount),
      ['4348.95', '4179.00', '0.00'],
    );
    assert.equal(await covers('FR7613807008043001965405158', '4179.00'), true);
    assert.equal(await covers('FR7613807008043001965405158', '4179.01'), false);
  });

  test('FR76…5255: an amount below 459 EUR is covered (solde minute 459.00)', async () => {
    assert.equal(formatAmount((await positionOf('FR7613807008043001965405255')).instantBalance), '459.00');
    assert.equal(await covers('FR7613807008043001965405255', '458.99'), true);
    assert.equal(await covers('FR7613807008043001965405255', '459.01'), false);
  });

  test('Lea: -150.00 with a 500.00 authorised overdraft covers up to 350.00', async () => {
    const position = await positionOf('FR7617515000920400430518020');
    assert.equal(formatAmount(position.authorisedOverdraft), '500.00');
    assert.equal(await covers('FR7617515000920400430518020', '350.00'), true);
    assert.equal(await covers('FR7617515000920400430518020', '350.01'), false);
  });
});

describe('account statuses and subscriptions', () => {
  test("Adam's FR76…4122 is closed, Thomas's FR76…7292 blocked, every other account open", async () => {
    const bank = sandboxCoreBanking();
    const statuses = await Promise.all(
      SANDBOX_PERSONAS.flatMap((p) =>
        p.accounts
          .filter((a) => !a.positionNeverAnswers)
          .map(async (a) => [a.iban, (await accountOf(a.iban, bank))?.status]),
      ),
    );
    assert.deepEqual(
      statuses.filter(([, status]) => status !== 'open'),
      [
        ['FR7613807008043001965407292', 'blocked'],
        ['FR7613807008063031966574122', 'closed'],
      ],
    );
  });

  test("Hugo's online-banking subscription is terminated; every seed persona's is active", async () => {
    const bank = sandboxCoreBanking();
    assert.equal(await subscriptionOf((await psu('D0999995I0')).psuId, bank), 'terminated');
    for (const onlineBankingId of SEED_PERSONA_IDS) {
      assert.equal(await subscriptionOf((await psu(onlineBankingId)).psuId, bank), 'active', onlineBankingId);
    }
    assert.equal(await subscriptionOf('psu-unknown', bank), 'terminated');
  });

  test("Iris's funds check never answers: through withTimeout(…, 50) it is CoreBankingUnavailable", async () => {
    const bank = withTimeout(sandboxCoreBanking(), 50);
    const iris = await bank.findPsu('13807', 'D0999996I0');
    assert.equal(iris?.segment, 'Incident SI');
    const [account] = await bank.currentAccounts(iris.psuId);
    assert.deepEqual([account?.iban, account?.status], ['FR7613807008043001965411172', 'open']);
    await assert.rejects(
      bank.fundsCheck('13807', iris.psuId, 'FR7613807008043001965411172'),
      CoreBankingUnavailable,
    );
  });
});

describe('look-ups', () => {
  test('findPsu trims and ignores case of the typed online-banking id, and knows no one else', async () => {
    const bank = sandboxCoreBanking();
    assert.equal((await bank.findPsu('13807', ' d0999990i0 '))?.psuId, 'psu-marc');
    assert.equal((await bank.findPsu('13807', 'D0999990I0'))?.firstName, 'Marc');
    assert.equal(await bank.findPsu('13807', 'D0999990I'), undefined);
    assert.equal(await bank.findPsu('13807', ''), undefined);
    assert.equal((await bank.psuById('psu-lea'))?.onlineBankingId, '755238649');
    assert.equal(await bank.psuById('D0999990I0'), undefined);
  });

  test('an unknown IBAN has no account, an unknown PSU no accounts', async () => {
    const bank = sandboxCoreBanking();
    assert.equal(await accountOf('FR7630006000011234567890189', bank), undefined);
    assert.equal(await accountOf('FRXXXX807008043001965405158', bank), undefined);
    assert.deepEqual(await bank.currentAccounts('psu-unknown'), []);
  });

  test('accounts carry the name the customer sees', async () => {
    const bank = sandboxCoreBanking();
    assert.equal((await accountOf('FR7613807008043001965405158', bank))?.name, 'Compte à vue');
    assert.equal((await accountOf('FR7613807008043001965409135', bank))?.name, 'Compte courant pro');
  });
});
