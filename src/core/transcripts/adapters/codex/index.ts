import type { Reader } from '../../adapter';
import { bareRolloutReader, jsonRolloutReader, wrappedRolloutReader } from './readers';

/** OpenAI Codex: `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl`, every era. */
export const readers: Reader[] = [wrappedRolloutReader as Reader, bareRolloutReader as Reader, jsonRolloutReader];
