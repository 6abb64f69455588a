// The pipeline worker: runs jobs off the host's thread, reports progress, stops when asked.
import { parentPort } from 'node:worker_threads';
import { distill } from '../core/distill/distill';
import { runEval } from '../core/eval/run';
import { describeError } from '../core/errors';
import { RemoteChatTransport } from './remote-chat';
import { inputWithCredentials, isHostToWorker, requestWithCredentials, type HostToWorker, type WorkerToHost } from './protocol';

const running = new Map<string, AbortController>();
/** Per job that uses the VS Code language model: the transport whose calls the host answers. */
const remoteChats = new Map<string, RemoteChatTransport>();

function send(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

async function run(message: Extract<HostToWorker, { type: 'run' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  try {
    const job = message.job;
    const llm = job.kind === 'eval' ? job.input.llm : job.request.llm;
    const remote = llm?.provider === 'vscode-lm' ? new RemoteChatTransport(llm.model ?? 'vscode-lm', (m) => send({ ...m, id: message.id })) : undefined;
    if (remote) remoteChats.set(message.id, remote);
    const common = { chatTransport: remote, signal: controller.signal };
    const result =
      job.kind === 'eval'
        ? await runEval(inputWithCredentials(job), { ...common, onProgress: (progress) => send({ type: 'progress', id: message.id, progress }) })
        : await distill(requestWithCredentials(job), { ...common, onProgress: (progress) => send({ type: 'progress', id: message.id, progress }) });
    send({ type: 'done', id: message.id, result });
  } catch (e) {
    send({ type: 'failed', id: message.id, error: describeError(e), cancelled: controller.signal.aborted });
  } finally {
    running.delete(message.id);
    remoteChats.get(message.id)?.failAll('the job ended');
    remoteChats.delete(message.id);
  }
}

parentPort?.on('message', (message: unknown) => {
  if (!isHostToWorker(message)) {
    send({ type: 'failed', id: String((message as { id?: unknown })?.id ?? ''), error: 'malformed message to the worker', cancelled: false });
    return;
  }
  if (message.type === 'cancel') running.get(message.id)?.abort();
  else if (message.type === 'chatReply') remoteChats.get(message.id)?.settle(message.call, message);
  else void run(message);
});
