const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The path of the first place two JSON values differ (`creditTransferTransaction[0].instructedAmount.amount`,
 * `''` for the values themselves), or undefined when they are equal: a field absent on one side differs from
 * any value on the other, arrays differ by length before their items.
 */
export function firstDifference(kept: unknown, sent: unknown, path = ''): string | undefined {
  if (isObject(kept) && isObject(sent)) {
    for (const key of new Set([...Object.keys(kept), ...Object.keys(sent)])) {
      const difference = firstDifference(kept[key], sent[key], path === '' ? key : `${path}.${key}`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (Array.isArray(kept) && Array.isArray(sent)) {
    if (kept.length !== sent.length) return path;
    for (const [index, item] of kept.entries()) {
      const difference = firstDifference(item, sent[index], `${path}[${index}]`);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return Object.is(kept, sent) ? undefined : path;
}
