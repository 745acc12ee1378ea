import { isRecord, type JsonSchema } from './schema-pointer.ts';

/**
 * The sentence after the field path, from the schema (`x-expected`, `x-messages`; see
 * `schemas/schema-kit.ts`) and the failure: `missing` for an absent, ill-typed or empty value, otherwise
 * the JSON Schema keyword that failed.
 */
export function predicate(schema: JsonSchema, failure: string, limit: unknown, root: boolean): string {
  const messages = isRecord(schema['x-messages']) ? schema['x-messages'] : {};
  const own = messages[failure];
  if (typeof own === 'string') return own;
  const expected = expectedOf(schema);
  switch (failure) {
    // The body itself is there when it is refused: it is never "missing", it must be something else.
    case 'missing':
      return root ? `must be ${expected}` : `is missing: ${expected}`;
    case 'maxLength':
      return `is longer than ${limit} characters`;
    case 'minLength':
      return `is shorter than ${limit} characters`;
    case 'maxItems':
      return `holds more than ${limit} items`;
    case 'minItems':
      return `holds fewer than ${limit} items`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    default:
      return `must be ${expected}`;
  }
}

/** What a valid value is: the schema's `x-expected`, or a phrase built from its keywords. */
export function expectedOf(schema: JsonSchema): string {
  const expected = schema['x-expected'];
  if (typeof expected === 'string') return expected;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map(String).join(', ')}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.anyOf))
    return schema.anyOf.map((branch) => (isRecord(branch) ? expectedOf(branch) : 'a value')).join(' or ');
  return expectedOfType(schema);
}

function expectedOfType(schema: JsonSchema): string {
  switch (schema.type) {
    case 'string':
      if (typeof schema.maxLength === 'number') return `a string of at most ${schema.maxLength} characters`;
      if (schema.format === 'date-time') return 'a date-time such as 2024-01-31T12:00:00Z';
      if (schema.format === 'date') return 'a date such as 2024-01-31';
      return typeof schema.pattern === 'string' ? `a string matching ${schema.pattern}` : 'a string';
    case 'integer':
      return typeof schema.minimum === 'number' ? `an integer of at least ${schema.minimum}` : 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return typeof schema.title === 'string' ? `a ${schema.title} JSON object` : 'a JSON object';
  }
}
