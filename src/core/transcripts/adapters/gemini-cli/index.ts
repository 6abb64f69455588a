import type { Reader } from '../../adapter';
import { geminiSessionReader } from './session';

export const readers: Reader[] = [geminiSessionReader];
