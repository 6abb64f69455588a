import type { Reader } from '../../adapter';
import { copilotShareReader } from './reader';

export const readers: Reader[] = [copilotShareReader];
