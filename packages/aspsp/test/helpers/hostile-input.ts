import fc from 'fast-check';

const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f'];

/** Text mixing printable ASCII with control characters (NUL and DEL included) and the odd tab or line feed. */
export const controlText = fc.string({
  unit: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...CONTROLS, '\t', '\n', '\r') },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  ),
  minLength: 1,
  maxLength: 30,
});

/** JSON text nested 1 to 20 000 levels deep, as arrays or as objects. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** The paths to every leaf of a JSON value. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => leaves(child, [...path, key]));
}

/** `value` with the leaf at `path` replaced by `text`, as JSON (control characters escaped, as a TPP sends them). */
function replaced(value: Json, path: readonly (string | number)[], text: string): string {
  const last = path.at(-1);
  if (last === undefined) return JSON.stringify(text);
  const copy = structuredClone(value) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[last] = text;
  return JSON.stringify(copy);
}

/**
 * A valid body made hostile one way: a leaf replaced by control text (with a NUL for sure, or at random),
 * an extra field nested thousands deep, or the whole body replaced by deep nesting.
 */
export function hostileBody(valid: Json): fc.Arbitrary<string> {
  const paths = leaves(valid);
  const withNul = controlText.map((text) => `${text}\u0000`);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...paths), fc.oneof(controlText, withNul))
      .map(([path, text]) => replaced(valid, path, text)),
    deeplyNested.map((deep) => `${JSON.stringify(valid).slice(0, -1)},"extra":${deep}}`),
    deeplyNested,
  );
}
