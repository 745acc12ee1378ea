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

interface Item {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Item | undefined;
  readonly key: string | number | undefined;
}

/** Where an item sits, as a developer writes it (`instructedAmount.amount`, `redirect_uris[0]`): built only on refusal. */
function fieldOf(item: Item): string {
  const keys: (string | number)[] = [];
  for (let at: Item | undefined = item; at?.key !== undefined; at = at.parent) keys.unshift(at.key);
  const path = keys
    .map((key) =>
      typeof key === 'number'
        ? `[${key}]`
        : `.${hasControlCharacter(key) ? '(a field name)' : key.slice(0, 40)}`,
    )
    .join('')
    .replace(/^\./, '');
  return path || 'value';
}

/** The first problem of a parsed input, or undefined; `field` names where, as a developer would write it. */
export function inspectInput(input: unknown, maxDepth = MAX_INPUT_DEPTH): InputProblem | undefined {
  const pending: Item[] = [{ value: input, depth: 0, parent: undefined, key: undefined }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value, depth } = item;
    if (typeof value === 'string') {
      if (hasControlCharacter(value)) return { reason: 'control-character', field: fieldOf(item) };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= maxDepth) return { reason: 'too-deep' };
    const entries: readonly (readonly [string | number, unknown])[] = Array.isArray(value)
      ? value.map((element, index) => [index, element] as const)
      : Object.entries(value);
    for (const [key, child] of entries) {
      const childItem: Item = { value: child, depth: depth + 1, parent: item, key };
      if (typeof key === 'string' && hasControlCharacter(key))
        return { reason: 'control-character', field: fieldOf(childItem) };
      pending.push(childItem);
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
