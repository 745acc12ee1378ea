/**
 * What the bank refuses in any parsed input (query string, form, JSON body) before a handler sees it:
 * - control characters other than tab, line feed and carriage return (a PEM needs line feeds): they are
 *   part of no identifier, URL, name or amount, and PostgreSQL refuses NUL in text;
 * - JSON nested deeper than any STET resource (the deepest, a payment request, is under ten levels):
 *   handlers, serialisers and logs never meet a structure that overflows the stack.
 * The walk is iterative, so the inspection itself cannot overflow whatever the depth.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const MAX_INPUT_DEPTH = 32;

export type InputProblem =
  | { readonly reason: 'too-deep' }
  | { readonly reason: 'control-character'; readonly field: string };

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

function fieldName(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = hasControlCharacter(key) ? '(a field name)' : key.slice(0, 40);
  return path === '' ? name : `${path}.${name}`;
}

/** The first problem of a parsed input, or undefined; `field` names where, as a developer would write it. */
export function inspectInput(input: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | undefined {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, path, depth } = item;
    if (typeof value === 'string') {
      if (hasControlCharacter(value)) return { reason: 'control-character', field: path || 'value' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { reason: 'too-deep' };
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((element, index) => [index, element])
      : Object.entries(value);
    for (const [key, child] of entries) {
      const childPath = fieldName(path, key);
      if (typeof key === 'string' && hasControlCharacter(key))
        return { reason: 'control-character', field: childPath };
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The sentence a developer reads for a problem of `where` (the body, the query string, a form). */
export function describeProblem(problem: InputProblem, where: string): string {
  return problem.reason === 'too-deep'
    ? `The ${where} is nested deeper than ${MAX_INPUT_DEPTH} levels: no STET resource is`
    : `${problem.field} in the ${where} holds a control character: remove it`;
}
