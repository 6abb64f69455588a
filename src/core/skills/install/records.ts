import type { SqlRunner } from '../../store/statements';
import type { AgentName, InstallScope } from './agents';

export type InstallMethod = 'link' | 'copy';

/** One skill folder Skillsmith placed in an agent's skills folder. */
export interface InstallRecord {
  /** The folder the agent reads (a link or a copy). */
  path: string;
  skill: string;
  /** The full commit id installed. */
  version: string;
  /** Installed at an explicit version: following the library does not move it. */
  pinned: boolean;
  agent: AgentName;
  scope: InstallScope;
  workspace?: string;
  method: InstallMethod;
  /** The materialized version under `<home>/installed/` that a link points to and a copy was made from. */
  source: string;
  /** Also written into the copy's ownership file, so a folder can be matched to its record. */
  installId: string;
  /** sha256 of each file as written (marker included, ownership file excluded), by relative path. */
  files: Record<string, string>;
  /** Why a copy stands where a link was wanted. */
  note?: string;
  installedAt: string;
}

interface Row {
  path: string;
  skill: string;
  version: string;
  pinned: number;
  agent: string;
  scope: string;
  workspace: string | null;
  method: string;
  source: string;
  install_id: string;
  files: string;
  note: string | null;
  installed_at: string;
}

const COLUMNS = 'path, skill, version, pinned, agent, scope, workspace, method, source, install_id, files, note, installed_at';

export function saveInstall(db: SqlRunner, r: InstallRecord): void {
  db.run(
    `INSERT OR REPLACE INTO skill_installs (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [r.path, r.skill, r.version, r.pinned ? 1 : 0, r.agent, r.scope, r.workspace ?? null, r.method, r.source, r.installId, JSON.stringify(r.files), r.note ?? null, r.installedAt],
  );
}

export function deleteInstall(db: SqlRunner, path: string): void {
  db.run('DELETE FROM skill_installs WHERE path = ?', [path]);
}

export function installAt(db: SqlRunner, path: string): InstallRecord | undefined {
  const row = db.get<Row>(`SELECT ${COLUMNS} FROM skill_installs WHERE path = ?`, [path]);
  return row && fromRow(row);
}

/** Every install, or those of one skill, ordered by skill, agent and path. */
export function listInstallRecords(db: SqlRunner, skill?: string): InstallRecord[] {
  const rows = skill
    ? db.all<Row>(`SELECT ${COLUMNS} FROM skill_installs WHERE skill = ? ORDER BY skill, agent, path`, [skill])
    : db.all<Row>(`SELECT ${COLUMNS} FROM skill_installs ORDER BY skill, agent, path`);
  return rows.map(fromRow);
}

/** How many installs still use the materialized folder `source`. */
export function usersOfSource(db: SqlRunner, source: string): number {
  return Number(db.get<{ n: number }>('SELECT count(*) AS n FROM skill_installs WHERE source = ?', [source])?.n ?? 0);
}

function fromRow(r: Row): InstallRecord {
  const rec: InstallRecord = {
    path: r.path,
    skill: r.skill,
    version: r.version,
    pinned: Number(r.pinned) === 1,
    agent: r.agent as AgentName,
    scope: r.scope as InstallScope,
    method: r.method as InstallMethod,
    source: r.source,
    installId: r.install_id,
    files: JSON.parse(r.files) as Record<string, string>,
    installedAt: r.installed_at,
  };
  if (r.workspace !== null) rec.workspace = r.workspace;
  if (r.note !== null) rec.note = r.note;
  return rec;
}
