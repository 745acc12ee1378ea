/** The bank's process in a bench run, forked by lib/bank-process.ts: serves one scenario's bank. */

import { type BankSide, parseLaunch, serveBank } from './bank-process.ts';

const launch = parseLaunch(process.argv[2]);
const scenario = (await import(launch.scenario)) as { readonly bank?: BankSide };
if (!scenario.bank) throw new Error(`${launch.scenario} has no bank export`);
await serveBank(launch, scenario.bank);
