import type { Reader } from '../../adapter';
import { cursorAgentJsonlReader } from './agent-jsonl';
import { cursorAgentTextReader } from './agent-text';
import { cursorStateDbReader } from './state-db';

export const readers: Reader[] = [cursorAgentJsonlReader as Reader, cursorAgentTextReader, cursorStateDbReader];
