// The pipeline worker. Its protocol and handlers arrive with the distillation pipeline.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => undefined);
