import type { Reader } from '../../adapter';
import { openClawTrajectoryReader } from './trajectory';

export const readers: Reader[] = [openClawTrajectoryReader as Reader];
