import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { FileSet, SkillFile } from './skill-files';

const CONTEXT_LINES = 3;

/**
 * A unified diff of a skill folder between two versions, one section per changed file, with paths
 * relative to the library root (`a/<skill>/SKILL.md`) and git-style headers. Null stands for "absent".
 */
export function unifiedFolderDiff(name: string, from: FileSet | null, to: FileSet | null): string {
  const paths = new Set([...(from?.keys() ?? []), ...(to?.keys() ?? [])]);
  return [...paths]
    .sort()
    .map((path) => fileDiff(`${name}/${path}`, from?.get(path), to?.get(path)))
    .join('');
}

function fileDiff(path: string, before: SkillFile | undefined, after: SkillFile | undefined): string {
  const sameBytes = before && after && Buffer.from(before.bytes).equals(Buffer.from(after.bytes));
  if (sameBytes && before.executable === after.executable) return '';
  const header = [`diff --git a/${path} b/${path}`];
  if (!before) header.push(`new file mode ${mode(after!)}`);
  else if (!after) header.push(`deleted file mode ${mode(before)}`);
  else if (before.executable !== after.executable) header.push(`old mode ${mode(before)}`, `new mode ${mode(after)}`);
  if (sameBytes) return header.join('\n') + '\n';
  if (isBinary(before) || isBinary(after)) {
    header.push(`Binary files ${before ? `a/${path}` : '/dev/null'} and ${after ? `b/${path}` : '/dev/null'} differ`);
    return header.join('\n') + '\n';
  }
  const patch = createTwoFilesPatch(
    before ? `a/${path}` : '/dev/null',
    after ? `b/${path}` : '/dev/null',
    text(before),
    text(after),
    undefined,
    undefined,
    { context: CONTEXT_LINES, headerOptions: FILE_HEADERS_ONLY },
  );
  return header.join('\n') + '\n' + patch;
}

function mode(file: SkillFile): string {
  return file.executable ? '100755' : '100644';
}

function text(file: SkillFile | undefined): string {
  return file ? Buffer.from(file.bytes).toString('utf8') : '';
}

/** Git's own test: a NUL byte in the first 8000 bytes. */
function isBinary(file: SkillFile | undefined): boolean {
  return file !== undefined && file.bytes.subarray(0, 8000).includes(0);
}
