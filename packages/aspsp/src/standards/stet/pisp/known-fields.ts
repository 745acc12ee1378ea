type JsonSchema = { readonly properties?: Record<string, JsonSchema>; readonly items?: JsonSchema };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` (valid against `schema`) with only the fields the schema names, at every level. A payment request
 * is kept and answered back signed by the bank (STET CR199): what else a PISP put in the body is neither
 * stored nor sealed.
 */
export function knownFields(schema: object, value: unknown): unknown {
  const { properties, items } = schema as JsonSchema;
  if (Array.isArray(value)) return items ? value.map((item) => knownFields(items, item)) : value;
  if (!isObject(value) || !properties) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => Object.hasOwn(properties, key))
      .map(([key, field]) => [key, knownFields(properties[key] as JsonSchema, field)]),
  );
}
