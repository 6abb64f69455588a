/**
 * What a "command" is, defined once for every stage that counts them (distillation's step signatures,
 * `skillsmith eval`'s scores, the engine's command statistics): the normalized head of a shell command.
 *
 * A head is the program and the words that say what it does, without flags, paths, values or the
 * environment: `cd app && FOO=1 npm run build -- --watch` → `npm run build`, `go test -run X ./...` →
 * `go test`, `gh pr view 12` → `gh pr view`, `mise run test` → `mise run test`, `python -m pytest -x` →
 * `python -m pytest`. Which programs take subcommands is general knowledge of build tools and package
 * managers across ecosystems, not of any one project.
 */

/** Programs whose first bare argument says what the command does (`git commit`, `cargo test`, `make build`). */
const SUBCOMMAND_PROGRAMS = new Set([
  'npm', 'npx', 'pnpm', 'yarn', 'bun', 'bunx', 'deno', 'node', 'git', 'cargo', 'rustup', 'go', 'docker', 'podman', 'kubectl',
  'helm', 'terraform', 'tofu', 'pip', 'pip3', 'poetry', 'uv', 'pipenv', 'pdm', 'hatch', 'rye', 'tox', 'nox', 'conda',
  'make', 'just', 'task', 'mise', 'asdf', 'gh', 'glab', 'gcloud', 'az', 'aws', 'dotnet', 'mvn', 'gradle', './gradlew',
  './mvnw', 'python', 'python3', 'ruby', 'bundle', 'rake', 'rails', 'mix', 'composer', 'php', 'swift', 'flutter', 'dart',
  'zig', 'nix', 'brew', 'apt', 'apt-get', 'turbo', 'nx', 'lerna', 'bazel', 'ruff', 'golangci-lint', 'goreleaser', 'buf',
  'prisma', 'wrangler', 'vercel', 'firebase', 'supabase', 'pulumi', 'cmake', 'ctest', 'meson', 'ninja', 'stack', 'cabal',
  'sbt', 'lein', 'elixir', 'alembic', 'django-admin', 'dbt', 'uvx', 'pipx',
]);

/** `<runner> run <script>` and friends: the script name is part of what the command does. */
const RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'deno', 'uv', 'mise', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye', 'composer', 'task']);
const RUN_VERBS = new Set(['run', 'exec', 'x', 'dlx', 'task', 'run-script']);

/** Two-word prefixes whose next word is still the subcommand (`docker compose up`, `go mod tidy`, `gh pr view`). */
const NESTED = new Set([
  'docker compose', 'podman compose', 'go mod', 'go tool', 'go work', 'git stash', 'git remote', 'git worktree',
  'git submodule', 'uv pip', 'python -m', 'python3 -m', 'php artisan', 'bundle exec', 'cargo make',
]);
/** Noun-verb command lines: `gh pr view`, `aws s3 cp`, `gcloud run deploy`. */
const NOUN_VERB = new Set(['gh', 'glab', 'gcloud', 'az', 'aws']);

/**
 * Navigation, viewers, text filters, shell builtins and plain file operations: they run in every project
 * and say nothing about how this one is built, tested or shipped, so they are not counted as commands.
 */
const NOT_WORKING_COMMANDS = new Set([
  // shell keywords: the words around commands, never commands themselves
  'for', 'in', 'do', 'done', 'while', 'until', 'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'function', 'select', '{', '}',
  'cd', 'pushd', 'popd', 'ls', 'll', 'la', 'tree', 'pwd', 'cat', 'bat', 'less', 'more', 'head', 'tail', 'nl', 'wc', 'file',
  'stat', 'du', 'df', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'find', 'fd', 'locate', 'which', 'whereis', 'type',
  'echo', 'printf', 'sed', 'awk', 'sort', 'uniq', 'cut', 'tr', 'jq', 'yq', 'xxd', 'od', 'diff', 'true', 'false', 'sleep',
  'clear', 'exit', 'export', 'source', '.', 'set', 'unset', 'alias', 'history', 'date', 'env', 'read', 'test', '[', '[[',
  'mkdir', 'rm', 'rmdir', 'mv', 'cp', 'touch', 'chmod', 'chown', 'ln', 'tee', 'xargs', 'basename', 'dirname', 'realpath',
  'readlink', 'open', 'code', 'vim', 'vi', 'nano', 'man', 'whoami', 'hostname', 'uname', 'ps', 'kill', 'wait', 'ssh',
]);

/** Words put before a program that do not change which program runs, shell keywords among them (`if go test; then`). */
const PREFIXES = new Set(['sudo', 'time', 'nohup', 'command', 'builtin', 'exec', 'env', 'nice', 'do', 'then', 'else', 'if', 'elif', 'while', 'until', '!', '{', '(']);
/** Shell syntax that runs nothing by itself: the rest of its segment is not a command. */
const SHELL_SYNTAX = new Set(['for', 'select', 'case', 'esac', 'done', 'fi', 'in', 'function', '}', ')', ';;']);

/** `cd app && FOO=1 npm run build -- --watch` → `npm run build`: the first segment that is not navigation. */
export function commandHead(command: string): string | undefined {
  const heads = segmentsOf(command).map(headOf).filter((h): h is string => h !== undefined);
  return heads.find((h) => !/^(cd|export|source|\.)$/.test(h)) ?? heads[0];
}

/**
 * Every command a shell line runs (each segment of `&&`, `||`, `;`, `|` and newlines), navigation and
 * viewers left out, each once, in order: `go build ./... && go test ./... | tail -5` → `go build`, `go test`.
 */
export function workingCommands(command: string): string[] {
  const heads = segmentsOf(command).map(headOf).filter((h): h is string => h !== undefined && isWorkingCommand(h));
  return [...new Set(heads)];
}

/** False for navigation, viewers and plain file operations (`ls`, `cat`, `grep`, `rm`…). */
export function isWorkingCommand(head: string): boolean {
  return !NOT_WORKING_COMMANDS.has(head.split(' ')[0]);
}

/** The shell segments of a command, with quoted text and here-documents taken out first. */
function segmentsOf(command: string): string[] {
  const plain = command
    .replace(/\\\r?\n/g, ' ')
    // a here-document's body is data, not commands (`git commit -F - <<'EOF' … EOF`)
    .replace(/<<-?\s*(['"]?)(\w+)\1[^\n]*\n[\s\S]*?\n\s*\2\b/g, ' ')
    .replace(/"(?:[^"\\]|\\.)*"/gs, '""')
    .replace(/'[^']*'/gs, "''")
    .replace(/\$\((?:[^()]|\([^()]*\))*\)/g, '""');
  return plain.split(/&&|\|\||\||;|\n/).map((s) => s.trim().replace(/^[({]\s*/, '')).filter(Boolean);
}

/** The head of one segment, or undefined when it does not start with a program. */
function headOf(segment: string): string | undefined {
  const words = segment.split(/\s+/).filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  while (words.length > 0 && PREFIXES.has(words[0])) words.shift();
  const first = words[0];
  if (!first || SHELL_SYNTAX.has(first)) return undefined;
  if (first === '.') return '.';
  // a program is a name or a path to one (`./gradlew`, `bin/rails`, `/usr/bin/go`); `pkg/x.go` is an argument
  // left on a line of its own
  if (!/^[a-z0-9_./~@][\w./@+~-]*$/.test(first) || /^[.~]$/.test(first)) return undefined;
  if (first.includes('/') && !/^(\.{1,2}\/|\/|~\/)/.test(first) && /\.\w+$/.test(first)) return undefined;
  // an installed program called by its full path is the program (`/usr/local/bin/go` is `go`)
  const program = /^(\/|~\/)/.test(first) ? first.slice(first.lastIndexOf('/') + 1) : first;
  if (!program) return undefined;
  const args = words.slice(1);
  if (!SUBCOMMAND_PROGRAMS.has(program)) return program;
  const sub = subcommands(args, program === 'python' || program === 'python3');
  if (sub.length === 0) return program;
  const two = `${program} ${sub[0]}`;
  const third = sub[1];
  const takesThird = (RUNNERS.has(program) && RUN_VERBS.has(sub[0])) || NESTED.has(two) || NOUN_VERB.has(program) || program === 'npx';
  if (program === 'npx' || program === 'bunx' || program === 'uvx' || program === 'pipx') return two;
  return takesThird && third ? `${two} ${third}` : two;
}

/**
 * The bare words after a program, up to the first flag or value after them: `test -run X ./...` →
 * [test]; `--no-pager log` → [log] (flags before the subcommand are options of the program itself);
 * `-m pytest -x` → [-m, pytest] (python's module switch is part of the head). A script file right after
 * an interpreter (`python manage.py migrate`) names what runs, so it is kept.
 */
function subcommands(args: string[], interpreter: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length && out.length < 2; i++) {
    const a = args[i];
    if (out.length === 0 && a === '-m' && interpreter) {
      out.push(a);
      continue;
    }
    if (out.length === 0 && a.startsWith('-')) {
      // `git -C dir status`, `make -C dir build`: the one short option known everywhere to take a folder
      if (a === '-C') i++;
      continue;
    }
    const bare = /^[a-z][\w:-]*$/.test(a) || (interpreter && out.length === 0 && /^[\w-]+\.py$/.test(a));
    if (!bare) break;
    out.push(a);
  }
  return out;
}
