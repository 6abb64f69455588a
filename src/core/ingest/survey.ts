import type { StateStore } from '../store/database';
import type { ParseProblem, Reader } from '../transcripts/adapter';
import { locationUnits, WorkspaceFilter, type DiscoveredLocation } from '../transcripts/discovery';
import { READERS } from '../transcripts/registry';
import { ALL_WORKSPACES, loadFileRecords } from './files';
import { fingerprintOf, sameFingerprint } from './fingerprint';
import { loadSessionIndex } from './sessions';

/** What one location holds, as far as can be told without reading any session. */
export interface LocationSurvey {
  location: DiscoveredLocation;
  /** Session files or stores found (those whose layout ties them to another workspace left out). */
  files: number;
  /** Sessions stored from files that have not changed since they were ingested. */
  sessions: number;
  /** Files new or changed since the last ingest: their sessions are not counted until they are read. */
  pending: number;
  /** Unchanged files the last ingest could not read. */
  failed: number;
  /** Folders under the location that could not be searched (unreadable, too deep), each with the reason. */
  problems: ParseProblem[];
}

export interface SurveyOptions {
  workspace?: string;
  allWorkspaces?: boolean;
  readers?: readonly Reader[];
}

/** Counts each location's sessions from the store and the files' sizes and times; reads no session. */
export async function surveyLocations(store: StateStore, locations: readonly DiscoveredLocation[], opts: SurveyOptions = {}): Promise<LocationSurvey[]> {
  const readers = opts.readers ?? READERS;
  const filter = opts.workspace !== undefined && !opts.allWorkspaces ? new WorkspaceFilter(opts.workspace) : undefined;
  const scope = filter ? filter.folders[0]! : ALL_WORKSPACES;
  const files = loadFileRecords(store);
  const byPath = new Map<string, Array<string | undefined>>();
  for (const entry of loadSessionIndex(store).values()) byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry.workspace]);
  const out: LocationSurvey[] = [];
  for (const location of locations) {
    const survey: LocationSurvey = { location, files: 0, sessions: 0, pending: 0, failed: 0, problems: [] };
    const units = location.exists ? await locationUnits(location, readers, survey.problems) : [];
    for (const unit of units) {
      const verdict = filter?.verdict(unit) ?? 'unknown';
      if (verdict === 'no') continue;
      const record = files.get(unit.path);
      const fp = await fingerprintOf(unit).catch(() => undefined);
      if (!fp) continue;
      const current = record && sameFingerprint(record.fingerprint, fp) && (record.scope === ALL_WORKSPACES || record.scope === scope);
      if (current && record.status === 'ignored') continue;
      survey.files++;
      if (!current) survey.pending++;
      else if (record.status === 'failed') survey.failed++;
      else if (record.status === 'ok') {
        survey.sessions += (byPath.get(unit.path) ?? []).filter((ws) => !filter || filter.accepts(ws, verdict)).length;
      }
    }
    out.push(survey);
  }
  return out;
}
