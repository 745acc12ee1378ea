import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { type Candidate, candidatesOf } from './body-candidates.ts';
import { predicate } from './body-messages.ts';
import { formatPath, type JsonSchema, schemaOrderRank } from './schema-pointer.ts';

/** The first thing to fix in a body: `path` as `instructedAmount.amount`, `redirect_uris[0]`, `''` (the body). */
export interface BodyProblem {
  readonly path: string;
  /** The JSON Schema keyword that failed: `required`, `type`, `pattern`, `maxLength`, `anyOf`, … */
  readonly keyword: string;
  /** A sentence a developer can act on, starting with the path (`Body` for the root). */
  readonly message: string;
}

export type BodyCheck = (value: unknown) => BodyProblem | undefined;

/** Problems at one path: absent or ill-typed first, then the value's form, then its size. */
const PRIORITY: Readonly<Record<string, number>> = {
  missing: 0,
  const: 1,
  enum: 1,
  anyOf: 1,
  pattern: 2,
  format: 3,
};

/**
 * Compiles `schema` once (TypeBox JIT) into a check that answers `undefined` for a valid value, or the
 * FIRST problem: a missing or ill-typed parent before its children, fields in schema order, so the answer
 * is deterministic. Valid values cost one compiled check; errors are only walked for refused bodies.
 */
export function compileBodyCheck(schema: TSchema): BodyCheck {
  const validator = Compile(schema);
  const root = schema as JsonSchema;
  return (value) => {
    if (validator.Check(value)) return undefined;
    const candidates = candidatesOf(root, value, validator.Errors(value));
    const ranked = candidates.map((candidate, index) => ({
      candidate,
      index,
      rank: schemaOrderRank(root, candidate.segments),
    }));
    ranked.sort(
      (a, b) =>
        compareRanks(a.rank, b.rank) || priority(a.candidate) - priority(b.candidate) || a.index - b.index,
    );
    const first = ranked[0]?.candidate;
    if (!first) return { path: '', keyword: 'schema', message: 'Body does not match the expected resource' };
    const path = formatPath(first.segments);
    const sentence = predicate(first.schema, first.failure, first.limit, path === '');
    return { path, keyword: first.keyword, message: `${path === '' ? 'Body' : path} ${sentence}` };
  };
}

const compiled = new WeakMap<TSchema, BodyCheck>();

/** `compileBodyCheck`, compiled on the first call for a schema and kept. */
export function checkBody(schema: TSchema, value: unknown): BodyProblem | undefined {
  let check = compiled.get(schema);
  if (!check) {
    check = compileBodyCheck(schema);
    compiled.set(schema, check);
  }
  return check(value);
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function priority(candidate: Candidate): number {
  return PRIORITY[candidate.failure] ?? (candidate.failure.startsWith('max') ? 6 : 5);
}
