import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPreparedRead } from '../src/store/prepared-reads.ts';

test('reads are prepared (a SELECT, a WITH that only reads, as an AISP page); writes never are', () => {
  const reads = [
    'select "id" from "token_pairs" where "access_hash" = $1',
    'with "page" as (select "entry_reference" from "sandbox_entries" where "iban" = $1) select * from "page"',
    'WITH page AS (SELECT 1) SELECT * FROM page',
  ];
  const writes = [
    'insert into "consents" values ($1)',
    'update "consents" set "access" = $1',
    'with "rows" as (select 1) insert into "sandbox_customers" select * from "rows"',
    'with x as (delete from "unattended_reads" returning *) select count(*) from x',
    'delete from "unattended_reads" where "id" = $1',
  ];
  assert.deepEqual(reads.map(isPreparedRead), [true, true, true]);
  assert.deepEqual(writes.map(isPreparedRead), [false, false, false, false, false]);
});
