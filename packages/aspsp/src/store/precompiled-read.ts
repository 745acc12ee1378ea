import type { Compilable, CompiledQuery, Kysely } from 'kysely';

/**
 * A read on the hot path, built by Kysely once and then only bound and run. Kysely otherwise builds,
 * transforms (schema, camelCase) and compiles the same query at every call: on the funds check that was
 * the bank's largest piece of JavaScript per request (ADR 0003). `build` receives placeholder strings in
 * place of its text arguments; each call puts the real values where they went. The rows still pass
 * through the plugins (camelCase names), as with any Kysely query.
 */
export function precompiledRead<Row, Args extends readonly string[]>(
  db: Pick<Kysely<object>, 'executeQuery'>,
  build: (...placeholders: Args) => Compilable<Row>,
  arity: Args['length'],
): (...args: Args) => Promise<Row[]> {
  const placeholders = Array.from({ length: arity }, (_, index) => `\u0000placeholder ${index}\u0000`);
  const compiled: CompiledQuery<Row> = build(...(placeholders as unknown as Args)).compile();
  const slots = compiled.parameters.map((value) => placeholders.indexOf(value as string));
  for (const [index] of placeholders.entries())
    if (!slots.includes(index)) throw new Error(`precompiledRead: argument ${index} is not a parameter`);
  return async (...args) => {
    const parameters = compiled.parameters.map((value, index) => {
      const slot = slots[index] as number;
      return slot === -1 ? value : args[slot];
    });
    const query: CompiledQuery<Row> = { ...compiled, parameters };
    return (await db.executeQuery(query)).rows;
  };
}
