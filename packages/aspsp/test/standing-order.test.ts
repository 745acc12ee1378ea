import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { executionDate, scheduledDate, workingDay } from '../src/core/payments/standing-order.ts';

describe('standing orders: the dates executions fall on (ISO 20022 frequency and execution rule)', () => {
  test('monthly from the 31st keeps the month end: 31 Jan, 28 Feb, 31 Mar, 30 Apr', () => {
    const dates = [0, 1, 2, 3].map((n) => scheduledDate('2027-01-31', 'monthly', n));
    assert.deepEqual(dates, ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
  });

  test('weekly, two-weekly, quarterly, half-yearly and yearly step by their period', () => {
    assert.equal(scheduledDate('2027-03-01', 'weekly', 2), '2027-03-15');
    assert.equal(scheduledDate('2027-03-01', 'two-weekly', 2), '2027-03-29');
    assert.equal(scheduledDate('2027-03-01', 'quarterly', 1), '2027-06-01');
    assert.equal(scheduledDate('2027-03-01', 'half-yearly', 1), '2027-09-01');
    assert.equal(scheduledDate('2028-02-29', 'yearly', 1), '2029-02-28');
  });

  test('a Saturday moves to Monday (FWNG) or Friday (PREC); a Sunday likewise', () => {
    assert.equal(workingDay('2027-03-06', 'following'), '2027-03-08');
    assert.equal(workingDay('2027-03-06', 'preceding'), '2027-03-05');
    assert.equal(workingDay('2027-03-07', 'following'), '2027-03-08');
    assert.equal(workingDay('2027-03-07', 'preceding'), '2027-03-05');
    assert.equal(workingDay('2027-03-03', 'following'), '2027-03-03');
  });

  test('the schedule ends after the end date; a one-off payment has one execution', () => {
    const order = { frequency: 'weekly', endDate: '2027-03-16', executionRule: 'following' } as const;
    assert.deepEqual(
      [0, 1, 2, 3].map((n) => executionDate('2027-03-01', order, n)),
      ['2027-03-01', '2027-03-08', '2027-03-15', undefined],
    );
    assert.equal(executionDate('2027-03-01', undefined, 0), '2027-03-01');
    assert.equal(executionDate('2027-03-01', undefined, 1), undefined);
  });
});
