import type { Reader } from '../../adapter';
import { specStoryReader } from './reader';

export const readers: Reader[] = [specStoryReader];
