import type { TValidationError } from 'typebox/error';
import {
  instanceSegments,
  isRecord,
  type JsonSchema,
  type PathSegment,
  schemaAtPointer,
  valueAt,
} from './schema-pointer.ts';

/** One problem TypeBox found, placed at its field and tied to the schema that words it. */
export interface Candidate {
  readonly segments: readonly PathSegment[];
  /** The JSON Schema keyword that failed. */
  readonly keyword: string;
  /** `missing` (absent, ill-typed or empty) or the keyword: what `x-messages` is keyed by. */
  readonly failure: string;
  readonly schema: JsonSchema;
  readonly limit: unknown;
}

/**
 * Turns TypeBox's errors into candidates. A `required` error yields one candidate per absent property, at
 * the property. A union (`anyOf`) is read by the value's JSON type: when exactly one branch takes that
 * type, that branch's own errors are reported (worded with the union's keywords where the branch has
 * none); when none does, the value is ill-typed, so "missing"; errors inside other branches are dropped.
 */
export function candidatesOf(
  root: JsonSchema,
  value: unknown,
  errors: readonly TValidationError[],
  branch?: { readonly path: string; readonly union: JsonSchema },
): Candidate[] {
  const direct = errors.filter((error) => unionAbove(error.schemaPath, errors) === undefined);
  return direct.flatMap((error): Candidate[] => {
    const inherited = branch && error.schemaPath === branch.path ? wordingOf(branch.union) : {};
    const schema = { ...inherited, ...(schemaAtPointer(root, error.schemaPath) ?? {}) };
    const segments = instanceSegments(value, error.instancePath);
    const at = valueAt(value, segments);
    const limit = (error.params as { limit?: unknown }).limit;
    switch (error.keyword) {
      case 'required':
        return (error.params as { requiredProperties: string[] }).requiredProperties.map((name) => ({
          segments: [...segments, name],
          keyword: 'required',
          failure: 'missing',
          schema: propertySchema(schema, name),
          limit,
        }));
      case 'anyOf':
      case 'oneOf':
        return unionCandidates(root, value, errors, { error, schema, segments, at });
      default:
        return [{ segments, keyword: error.keyword, failure: failureOf(error.keyword, at), schema, limit }];
    }
  });
}

interface Union {
  readonly error: TValidationError;
  readonly schema: JsonSchema;
  readonly segments: readonly PathSegment[];
  readonly at: unknown;
}

function unionCandidates(
  root: JsonSchema,
  value: unknown,
  errors: readonly TValidationError[],
  union: Union,
) {
  const { error, schema, segments, at } = union;
  const branches = (Array.isArray(schema[error.keyword]) ? schema[error.keyword] : []) as unknown[];
  const taking = branches.flatMap((branch, index) =>
    isRecord(branch) && takesType(branch, at) ? [index] : [],
  );
  const [only] = taking;
  if (taking.length === 1 && only !== undefined) {
    const prefix = `${error.schemaPath}/${error.keyword}/${only}`;
    const inside = errors.filter(
      (each) => each.schemaPath === prefix || each.schemaPath.startsWith(`${prefix}/`),
    );
    return candidatesOf(root, value, inside, { path: prefix, union: schema });
  }
  const failure = taking.length === 0 ? 'missing' : error.keyword;
  return [{ segments, keyword: error.keyword, failure, schema, limit: undefined }];
}

/** The branch prefix of the union among `errors` that an error sits inside; undefined for a direct error. */
function unionAbove(schemaPath: string, errors: readonly TValidationError[]): string | undefined {
  return errors
    .filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')
    .map((error) => `${error.schemaPath}/${error.keyword}/`)
    .find((prefix) => schemaPath.startsWith(prefix));
}

function failureOf(keyword: string, at: unknown): string {
  if (keyword === 'type') return 'missing';
  if (keyword === 'minLength' && at === '') return 'missing';
  if (keyword === 'minItems' && Array.isArray(at) && at.length === 0) return 'missing';
  return keyword;
}

function propertySchema(schema: JsonSchema, name: string): JsonSchema {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const property = properties[name];
  return isRecord(property) ? property : {};
}

/** The keywords a branch inherits from its union to word its errors. */
function wordingOf(union: JsonSchema): JsonSchema {
  const { 'x-expected': expected, 'x-messages': messages } = union;
  return {
    ...(expected !== undefined ? { 'x-expected': expected } : {}),
    ...(messages !== undefined ? { 'x-messages': messages } : {}),
  };
}

function takesType(branch: JsonSchema, value: unknown): boolean {
  const types = Array.isArray(branch.type) ? branch.type : branch.type === undefined ? [] : [branch.type];
  if (types.length === 0) return true;
  return types.some((type) => {
    if (type === 'integer') return Number.isInteger(value);
    if (type === 'null') return value === null;
    if (type === 'array') return Array.isArray(value);
    if (type === 'object') return isRecord(value);
    return typeof value === type;
  });
}
