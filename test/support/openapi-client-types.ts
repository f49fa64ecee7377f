import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { OpenApiDocument, operationsOf } from './openapi-lint';

/**
 * Generates the client types the web console is built from (openapi-typescript), then asks the
 * TypeScript checker what each JSON 2xx body of each operation resolves to. Returns the generated source
 * and every operation whose body a client would see as `unknown` (or `any`, or `Record<string, never>`).
 */
export async function generateClientTypes(
  doc: OpenApiDocument,
): Promise<{ source: string; vague: string[] }> {
  const source = astToString(await openapiTS(structuredClone(doc) as never));
  const probes: Array<{ alias: string; where: string }> = [];
  let probeSource = '';
  for (const { key, op } of operationsOf(doc)) {
    for (const [code, response] of Object.entries(op.responses ?? {})) {
      if (!code.startsWith('2')) continue;
      for (const type of Object.keys(response.content ?? {})) {
        if (!type.includes('json') || !op.operationId) continue;
        const alias = `Probe${probes.length}`;
        probes.push({ alias, where: `${key} ${code} ${type}` });
        probeSource += `export type ${alias} = operations[${JSON.stringify(op.operationId)}]['responses'][${code}]['content'][${JSON.stringify(type)}];\n`;
      }
    }
  }
  // One file, so no module resolution is involved: the generated types, then one alias per body.
  const files = new Map([['/generated/api.ts', `${source}\n${probeSource}`]]);
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, target) => {
    const text = files.get(name) ?? readFile(name);
    return text === undefined ? undefined : ts.createSourceFile(name, text, target);
  };
  host.readFile = (name) => files.get(name) ?? readFile(name);
  const program = ts.createProgram(['/generated/api.ts'], options, host);
  const errors = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName.startsWith('/generated/'))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (errors.length)
    throw new Error(`the generated client types do not compile:\n${errors.slice(0, 20).join('\n')}`);

  const checker = program.getTypeChecker();
  const probeFile = program.getSourceFile('/generated/api.ts')!;
  const aliases = new Map<string, ts.TypeAliasDeclaration>();
  probeFile.forEachChild((node) => {
    if (ts.isTypeAliasDeclaration(node)) aliases.set(node.name.text, node);
  });
  const vague: string[] = [];
  for (const { alias, where } of probes) {
    const type = checker.getTypeAtLocation(aliases.get(alias)!.name);
    const text = checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    if (type.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any) || /Record<string, never>/.test(text))
      vague.push(`${where}: ${text.slice(0, 120)}`);
  }
  return { source, vague };
}

/**
 * Run as a script (jest cannot load openapi-typescript's ES-module dependencies): reads a document on
 * stdin, prints `{ vague, source }` as JSON.
 */
if (require.main === module) {
  void (async () => {
    let input = '';
    for await (const chunk of process.stdin) input += String(chunk);
    try {
      process.stdout.write(JSON.stringify(await generateClientTypes(JSON.parse(input) as OpenApiDocument)));
    } catch (error) {
      process.stdout.write(JSON.stringify({ error: String(error) }));
      process.exitCode = 1;
    }
  })();
}
