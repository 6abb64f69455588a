import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { DistillProgress, DistillResult } from '../core/distill/distill';
import type { EvalProgress, EvalReport } from '../core/eval/run';
import { SkillsmithError } from '../core/errors';
import { isWorkerToHost, type DistillJob, type EvalJob, type HostToWorker, type WorkerJob } from './protocol';
import { toRemoteError, type ChatHandler, type RemoteChatRequest } from './remote-chat';

/**
 * Runs one job in a fresh pipeline worker (the bundle `worker.js`) and resolves with its result.
 * Aborting the signal asks the worker to stop between units; whatever it finished stays stored.
 */
export function runInWorker(workerPath: string, job: DistillJob, opts?: WorkerRunOptions<DistillProgress>): Promise<DistillResult>;
export function runInWorker(workerPath: string, job: EvalJob, opts?: WorkerRunOptions<EvalProgress>): Promise<EvalReport>;
export function runInWorker(workerPath: string, job: WorkerJob, opts: WorkerRunOptions<never> = {}): Promise<DistillResult | EvalReport> {
  const worker = new Worker(workerPath);
  const id = randomUUID();
  const post = (m: HostToWorker) => worker.postMessage(m);
  const calls = new Map<number, AbortController>();
  // chat calls the worker cannot make itself (the VS Code language model), answered here on the host
  const answerChat = (call: number, request: RemoteChatRequest) => {
    const controller = new AbortController();
    calls.set(call, controller);
    const reply = opts.chat ? opts.chat(request, controller.signal) : Promise.reject(new Error('this host cannot make chat calls for the worker'));
    reply.then(
      (r) => post({ type: 'chatReply', id, call, reply: r }),
      (e: unknown) => post({ type: 'chatReply', id, call, error: toRemoteError(e) }),
    ).finally(() => calls.delete(call));
  };
  return new Promise<DistillResult | EvalReport>((resolve, reject) => {
    const cancel = () => post({ type: 'cancel', id });
    opts.signal?.addEventListener('abort', cancel, { once: true });
    const settle = (f: () => void) => {
      for (const c of calls.values()) c.abort();
      opts.signal?.removeEventListener('abort', cancel);
      void worker.terminate();
      f();
    };
    worker.on('message', (m: unknown) => {
      if (!isWorkerToHost(m) || m.id !== id) return;
      if (m.type === 'chat') answerChat(m.call, m.request);
      else if (m.type === 'chatCancel') calls.get(m.call)?.abort();
      else if (m.type === 'progress') opts.onProgress?.(m.progress as never);
      else if (m.type === 'done') settle(() => resolve(m.result));
      else settle(() => reject(new SkillsmithError(m.error, job.kind)));
    });
    worker.on('error', (e) => settle(() => reject(new SkillsmithError(`the pipeline worker failed: ${e.message}`, job.kind))));
    worker.on('exit', (code) => settle(() => reject(new SkillsmithError(`the pipeline worker stopped (exit ${code})`, job.kind))));
    post({ type: 'run', id, job });
  });
}

export interface WorkerRunOptions<P> {
  onProgress?: (p: P) => void;
  signal?: AbortSignal;
  chat?: ChatHandler;
}
