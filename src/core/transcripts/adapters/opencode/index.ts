import type { Reader } from '../../adapter';
import { openCodeSqliteReader } from './sqlite';
import { openCodeStorageReader } from './storage';

export const readers: Reader[] = [openCodeSqliteReader, openCodeStorageReader];
