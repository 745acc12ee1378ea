/**
 * The plan of a transactions page as the bank asks it: the SQL `sandboxEntryPage` sends (caught by a
 * Kysely plugin on its way to the driver, after the store's own plugins), run again under
 * `EXPLAIN (ANALYZE, BUFFERS)` with the same parameters, planned for those values (the custom plan the
 * bank's prepared statement starts with) and as the generic plan PostgreSQL may then keep. What a reviewer checks: the entries are read by an index scan on
 * (iban, entry_date, entry_reference) that stops after the page (51 rows), the same number of rows and
 * buffers for a page deep in the history as for the first, no OFFSET, and no sort of the history.
 */

import {
  CompiledQuery,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type UnknownRow,
} from 'kysely';
import type { EntryPageQuery } from '../../src/core/ports/account-information.ts';
import { sandboxEntryPage } from '../../src/store/sandbox-entries.ts';
import type { Database } from '../../src/store/schema.ts';

/** Keeps every query node it sees; changes nothing. */
class QueryCatcher implements KyselyPlugin {
  readonly caught: PluginTransformQueryArgs[] = [];
  transformQuery(args: PluginTransformQueryArgs) {
    this.caught.push(args);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** One node of PostgreSQL's JSON plan, the fields read here. */
interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Scan Direction'?: string;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Shared Hit Blocks'?: number;
  readonly 'Shared Read Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** One plan: its text and what it says of the entries table. */
export interface PlanView {
  /** `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)`, line by line: the fastest of three runs. */
  readonly text: readonly string[];
  /** How the entries table is read: `Index Scan Backward using sandbox_entries_pages`. */
  readonly entriesScan: string;
  readonly rowsRead: number;
  readonly rowsRemovedByFilter: number;
  /** Shared buffers the entries scan touched (hit or read). */
  readonly buffers: number;
  /** Rows of each Sort node, whatever it sorts. */
  readonly sortedRows: readonly number[];
}

/** The page query as the bank sends it, planned for its values, and its generic plan. */
export interface PagePlan extends PlanView {
  readonly sql: string;
  /** The entry references the query read (one more than a page), newest first. */
  readonly references: readonly number[];
  readonly offset: boolean;
  readonly generic: PlanView;
}

function nodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodes)];
}

function scanName(node: PlanNode): string {
  const backward = node['Scan Direction'] === 'Backward' ? ' Backward' : '';
  const index = node['Index Name'] ? ` using ${node['Index Name']}` : '';
  return `${node['Node Type']}${backward}${index}`;
}

function summary(root: PlanNode): Omit<PlanView, 'text'> {
  const all = nodes(root);
  const scans = all.filter((node) => node['Relation Name'] === 'sandbox_entries');
  const rows = (node: PlanNode) => (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1);
  return {
    entriesScan: scans.map(scanName).join(' + ') || 'not read',
    rowsRead: scans.reduce((sum, node) => sum + rows(node) + (node['Rows Removed by Filter'] ?? 0), 0),
    rowsRemovedByFilter: scans.reduce((sum, node) => sum + (node['Rows Removed by Filter'] ?? 0), 0),
    buffers: scans.reduce(
      (sum, node) => sum + (node['Shared Hit Blocks'] ?? 0) + (node['Shared Read Blocks'] ?? 0),
      0,
    ),
    sortedRows: all.filter((node) => node['Node Type'].endsWith('Sort')).map(rows),
  };
}

function executionMs(lines: readonly string[]): number {
  const line = lines.find((text) => text.startsWith('Execution Time:'));
  return Number(/([\d.]+) ms/.exec(line ?? '')?.[1] ?? Number.POSITIVE_INFINITY);
}

/** EXPLAIN with these options of the page's query, its QUERY PLAN column row by row. */
type Explain = (options: string) => Promise<readonly unknown[]>;

async function planOf(explain: Explain): Promise<PlanView> {
  const [json] = await explain('analyze, buffers, format json');
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as readonly { Plan: PlanNode }[];
  const root = parsed[0]?.Plan;
  if (!root) throw new Error('EXPLAIN gave no plan');
  // Its timings, from the fastest of three runs: one run on a busy machine can take a preemption.
  const runs: string[][] = [];
  for (let run = 0; run < 3; run++) runs.push((await explain('analyze, buffers, costs off')).map(String));
  const text = runs.reduce((fastest, lines) => (executionMs(lines) < executionMs(fastest) ? lines : fastest));
  return { text, ...summary(root) };
}

/** A literal for EXECUTE: the values are the bank's own (dates, numbers, an IBAN). */
const literal = (value: unknown) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * The plan PostgreSQL would use if the bank sent the page's query as a named prepared statement, as it does
 * its SELECTs (store/prepared-reads.ts): the generic plan, forced, on one connection of its own.
 */
async function genericPlanOf(db: Kysely<Database>, compiled: CompiledQuery): Promise<PlanView> {
  return db.connection().execute(async (connection) => {
    const raw = connection.withoutPlugins();
    const run = (text: string) => raw.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(text));
    await run('set plan_cache_mode = force_generic_plan');
    await run(`prepare bench_entry_page as ${compiled.sql}`);
    try {
      const values = compiled.parameters.map(literal).join(', ');
      return await planOf(async (options) =>
        (await run(`explain (${options}) execute bench_entry_page(${values})`)).rows.map(
          (row) => row['QUERY PLAN'],
        ),
      );
    } finally {
      await run('deallocate bench_entry_page');
      await run('reset plan_cache_mode');
    }
  });
}

/** The plan of the page `query` names, from the SQL the bank sends for it; and its generic plan. */
export async function explainPage(db: Kysely<Database>, query: EntryPageQuery): Promise<PagePlan> {
  const catcher = new QueryCatcher();
  const page = await sandboxEntryPage(db.withPlugin(catcher), query);
  const [caught] = catcher.caught;
  if (!caught) throw new Error('sandboxEntryPage sent no query');
  const compiled = db.getExecutor().compileQuery(caught.node, caught.queryId);
  // The compiled text is final (schema, snake_case): run without plugins, whose renaming would touch "QUERY PLAN".
  const custom = await planOf(async (options) => {
    const explained = await db
      .withoutPlugins()
      .executeQuery<{ 'QUERY PLAN': unknown }>(
        CompiledQuery.raw(`explain (${options}) ${compiled.sql}`, [...compiled.parameters]),
      );
    return explained.rows.map((row) => row['QUERY PLAN']);
  });
  return {
    sql: compiled.sql,
    references: page.entries.map((entry) => entry.entryReference),
    offset: /\boffset\b/i.test(compiled.sql),
    ...custom,
    generic: await genericPlanOf(db, compiled),
  };
}
