import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Every public function of the SDK carries an `@example` in its JSDoc, and every example compiles against
 * the SDK's real types: an example that drifted from the API fails here, not in a reader's editor.
 */

const INDEX = fileURLToPath(new URL('../src/index.ts', import.meta.url));
const ROOT_TSCONFIG = fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(ROOT_TSCONFIG, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(new URL('../../../', import.meta.url)))
    .options;
}

function examplesOf(declaration: ts.Declaration | undefined): string[] {
  if (!declaration) return [];
  return ts
    .getJSDocTags(declaration)
    .filter((tag) => tag.tagName.text === 'example')
    .map((tag) => ts.getTextOfJSDocComment(tag.comment)?.trim() ?? '');
}

interface Documented {
  readonly name: string;
  readonly examples: readonly string[];
}

/** The functions and classes `@openstet/tpp` exports, and the methods of the client it creates. */
function publicFunctions(program: ts.Program): Documented[] {
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(INDEX);
  assert.ok(index);
  const module = checker.getSymbolAtLocation(index);
  assert.ok(module);
  const found: Documented[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
    const declaration = symbol.declarations?.[0];
    found.push({ name: exported.name, examples: examplesOf(declaration) });
    if (exported.name !== 'createStetClient' || !declaration) continue;
    const [signature] = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
    assert.ok(signature);
    for (const method of checker.getReturnTypeOfSignature(signature).getProperties()) {
      found.push({ name: `bank.${method.name}`, examples: examplesOf(method.declarations?.[0]) });
    }
  }
  return found;
}

/** The names an example may use without declaring them: the SDK itself and a client's context. */
const PRELUDE = `import { readFileSync } from 'node:fs';
import {
  API_METHODS, completeSandboxPaymentApproval, completeSandboxSca, createStetClient, encryptedFileTokenStore, generatePkce, memoryTokenStore,
  OAuthError, ResponseSignatureError, StetError, type StetClient, type StetClientOptions,
} from '../src/index.ts';
declare const bank: StetClient;
declare const options: StetClientOptions;
declare const code: string;
declare const state: string;
void [API_METHODS, completeSandboxPaymentApproval, completeSandboxSca, createStetClient, encryptedFileTokenStore, generatePkce, memoryTokenStore,
  OAuthError, ResponseSignatureError, StetError, readFileSync, bank, options, code, state];
`;

test('every public function and client method has an @example, and every example compiles', () => {
  const options = compilerOptions();
  const documented = publicFunctions(ts.createProgram([INDEX], options));
  assert.ok(documented.some((entry) => entry.name === 'bank.fundsConfirmation'));
  const missing = documented.filter((entry) => entry.examples.length === 0).map((entry) => entry.name);
  assert.deepEqual(missing, [], `public functions without an @example: ${missing.join(', ')}`);

  const file = fileURLToPath(new URL(`./.jsdoc-examples-${process.pid}.ts`, import.meta.url));
  const bodies = documented.flatMap((entry) =>
    entry.examples.map(
      (example, index) =>
        `// ${entry.name}\nexport async function example_${index}_${entry.name.replace('.', '_')}() {\n${example}\n}\n`,
    ),
  );
  writeFileSync(file, `${PRELUDE}\n${bodies.join('\n')}`);
  try {
    const program = ts.createProgram([file], options);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const at =
        diagnostic.file && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
          : undefined;
      const line = at ? diagnostic.file?.text.split('\n')[at.line] : '';
      return `${text}\n    at: ${line?.trim()}`;
    });
    assert.deepEqual(diagnostics, [], `examples that do not compile:\n${diagnostics.join('\n')}`);
  } finally {
    rmSync(file, { force: true });
  }
});
