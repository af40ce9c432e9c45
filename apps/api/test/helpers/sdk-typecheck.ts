import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

/** A real response to hold against the SDK's generated types. */
export interface SdkSample {
  path: string;
  method: string;
  status: number;
  mediaType: string;
  body: unknown;
}

const SCHEMA = join(__dirname, '../../../../libs/sdk/src/schema');

/**
 * Type-checks real responses against libs/sdk the way a strictly typed client would: each body becomes an
 * object literal assigned to the SDK's response type of its operation, status and media type, so a wrong type,
 * an undeclared field (excess property check) or an undocumented status is a compile error. Returns the errors,
 * each prefixed with `#<index of the sample>`.
 */
export function sdkTypeErrors(samples: SdkSample[]): string[] {
  const source = [
    `import type { paths } from ${JSON.stringify(SCHEMA)};`,
    ...samples.map(
      (s, i) =>
        `export const sample${i}: paths[${JSON.stringify(s.path)}][${JSON.stringify(s.method)}]['responses'][${s.status}]['content'][${JSON.stringify(s.mediaType)}] = ${JSON.stringify(s.body)};`,
    ),
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'keyuan-sdk-'));
  try {
    const file = join(dir, 'samples.ts');
    writeFileSync(file, source);
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      lib: ['lib.es5.d.ts'], // the schema needs no DOM: a smaller program checks in a fraction of the time
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
      const s = samples[line - 1];
      const where = s
        ? `#${line - 1} ${s.method.toUpperCase()} ${s.path} → ${s.status}`
        : (d.file?.fileName ?? '');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
