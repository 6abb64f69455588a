import { PROPOSE_SYSTEM, REVISE_SYSTEM, ROUTE_SYSTEM, SPLIT_SYSTEM } from '../../src/core/distill/llm/prompts';
import { reply, type Handler, type RecordedRequest, type ScriptedReply } from './openai-server';

/**
 * A stand-in model for the scripted server: it reads the engine's prompts the way a model would and answers
 * each stage sensibly (and deterministically), so a whole pipeline can run over real HTTP. Switches make it
 * misbehave in the ways the engine must survive.
 */
export interface ModelBehaviour {
  /** Write this command, which no session ran, into every first draft. */
  inventCommand?: string;
  /** Keep the invented command when asked to repair. */
  stubborn?: boolean;
  /** Answer a revision with this verdict (default: revise, adding a pitfall from the evidence). */
  revise?: 'revise' | 'keep';
  /** Decline groups whose evidence mentions this text. */
  declineWhen?: RegExp;
  /** Run away: pad every first draft's body with this many more lines. */
  padLines?: number;
}

export type Stage = 'split' | 'route' | 'propose' | 'revise' | 'repair' | 'unknown';

/** Which stage a chat request is, from its system prompt; a repair round carries the draft it repairs. */
export function stageOf(req: RecordedRequest): Stage {
  const messages = (req.body?.messages ?? []) as { role: string; content: string }[];
  const system = messages[0]?.content ?? '';
  const user = messages[1]?.content ?? '';
  if (system.startsWith(SPLIT_SYSTEM)) return 'split';
  if (system.startsWith(ROUTE_SYSTEM)) return 'route';
  if (system.startsWith(PROPOSE_SYSTEM) || system.startsWith(REVISE_SYSTEM)) {
    if (/\nYour draft:\n/.test(user)) return 'repair';
    return system.startsWith(PROPOSE_SYSTEM) ? 'propose' : 'revise';
  }
  return 'unknown';
}

export function userMessage(req: RecordedRequest): string {
  return (req.body?.messages?.[1]?.content as string | undefined) ?? '';
}

export function scriptedModel(behaviour: ModelBehaviour = {}): Handler {
  return (req, endpoint) => {
    if (endpoint !== 'chat') return undefined;
    const user = userMessage(req);
    switch (stageOf(req)) {
      case 'split':
        return reply.json(answerSplit(user));
      case 'route':
        return reply.json(answerRoute(user));
      case 'propose':
        return reply.json(answerPropose(user, behaviour));
      case 'revise':
        return reply.json(answerRevise(user, behaviour));
      case 'repair':
        return reply.json(answerRepair(user, behaviour));
      default:
        return reply.error(400, 'scripted model: a request it does not know');
    }
  };
}

const CONTINUES = /^(yes|yep|ok|okay|thanks|no[, ]|also |and |keep going|go ahead)/i;

function answerSplit(user: string) {
  const sessions = user.split(/^(?=S\d+: )/m).map((part) => {
    const session = /^(S\d+): /.exec(part)![1];
    const allowed = new Set((/USER turns: ([\d, ]+)\.$/m.exec(part)?.[1] ?? '').split(',').map((x) => Number(x.trim())));
    const inProgress = part.includes('Request in progress before these turns');
    const turns = [...part.matchAll(/^\[(\d+)\] USER: (.*)$/gm)].map((m) => ({ turn: Number(m[1]), text: m[2] }));
    const atoms = turns
      .filter((t, i) => allowed.has(t.turn) && !(CONTINUES.test(t.text) && (i > 0 || inProgress)))
      .map((t) => ({ turn: t.turn, intent: t.text.slice(0, 70), summary: `Handled: ${t.text.slice(0, 150)}`, tags: tagsOf(t.text) }));
    return { session, atoms };
  });
  return { sessions };
}

function answerRoute(user: string) {
  const routes = user.split('\n\n').map((block) => {
    const [head, ...rest] = block.split('\n');
    const ref = head.slice(0, head.indexOf(':'));
    const words = new Set(wordsOf(head));
    const candidates = rest.map((l) => /^ {2}- ([^:]+): (.*)$/.exec(l)).filter((m): m is RegExpExecArray => Boolean(m));
    const scored = candidates
      .map((m) => ({ name: m[1], overlap: wordsOf(`${m[1]} ${m[2]}`).filter((w) => words.has(w)).length }))
      .sort((a, b) => b.overlap - a.overlap);
    const best = scored[0];
    return best && best.overlap >= 2 ? { request: ref, skill: best.name, weight: 0.8 } : { request: ref, skill: null, weight: 0 };
  });
  return { routes };
}

function answerPropose(user: string, b: ModelBehaviour) {
  return { skills: user.split(/^(?=G\d+: )/m).map((part) => ({ group: /^(G\d+): /.exec(part)![1], ...writeGroup(part, b) })) };
}

function writeGroup(part: string, b: ModelBehaviour) {
  if (b.declineWhen?.test(part)) return { decision: 'decline', reason: 'the requests are a prompt template, not a procedure' };
  const name = /Suggested name: (.+)/.exec(part)?.[1]?.trim() ?? 'workflow';
  const commands = evidenceCommandsIn(part);
  const title = name.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const steps = commands.map((c, i) => `${i + 1}. Run \`${c}\`.`);
  if (b.inventCommand) steps.push(`${steps.length + 1}. Run \`${b.inventCommand}\` before you finish.`);
  const failures = [...part.matchAll(/^ {2}\$ (.+?) {2}✗ (.*)$/gm)].map((m) => `- \`${m[1]}\` can fail first: ${m[2]}`);
  const padding = Array.from({ length: b.padLines ?? 0 }, (_, i) => `- Keep going (${i + 1}).`);
  const body = [`# ${title}`, '', `How these sessions did it.`, '', '## Steps', '', ...steps, '', ...(failures.length ? ['## Pitfalls', '', ...new Set(failures), ''] : []), ...padding].join('\n');
  return { decision: 'write', name, description: `${title} the way earlier sessions did. Use when asked to ${name.replace(/-/g, ' ')}.`, body };
}

function answerRevise(user: string, b: ModelBehaviour) {
  if (b.revise === 'keep') return { decision: 'keep', reason: 'the evidence adds nothing' };
  const current = /<<<\n([\s\S]*?)\n>>>/.exec(user)?.[1] ?? '';
  const description = /^description: (.*)$/m.exec(current)?.[1] ?? 'A skill. Use when asked.';
  const body = current.replace(/^description: .*\n+/, '').trim();
  const commands = evidenceCommandsIn(user);
  const extra = b.inventCommand ? [`- Run \`${b.inventCommand}\` first.`] : [];
  return {
    decision: 'revise',
    description,
    body: `${body}\n\n## Also seen\n\n${commands.map((c) => `- \`${c}\``).join('\n')}\n${extra.join('\n')}\n`,
  };
}

function answerRepair(user: string, b: ModelBehaviour) {
  const draft = JSON.parse(/\nYour draft:\n(.*)\n/.exec(user)?.[1] ?? '{}') as { description: string; body: string };
  if (b.stubborn || !b.inventCommand) return draft;
  const body = draft.body
    .split('\n')
    .filter((l) => !l.includes(b.inventCommand!))
    .join('\n');
  return { description: draft.description, body };
}

/** The commands the evidence shows, as the engine rendered them (`  $ cmd` with an optional failure mark). */
function evidenceCommandsIn(user: string): string[] {
  return [...new Set([...user.matchAll(/^ {2}\$ (.+?)(?: {2}✗ .*)?$/gm)].map((m) => m[1].replace(/ \(x\d+\)$/, '')))];
}

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{3,}/g) ?? []).map((w) => w.replace(/(ing|ed|es|s)$/, ''));
}

function tagsOf(text: string): string[] {
  const words = [...new Set(text.toLowerCase().match(/[a-z]{4,}/g) ?? [])];
  return words.slice(0, 4).length >= 3 ? words.slice(0, 4) : [...words, 'task', 'session', 'work'].slice(0, 3);
}

/** Replies to inject at given request numbers (1-based, counting every chat request the server gets). */
export function withFaults(handler: Handler, faults: Record<number, ScriptedReply>): Handler {
  let n = 0;
  return (req, endpoint) => {
    if (endpoint !== 'chat') return handler(req, endpoint);
    n++;
    return faults[n] ?? handler(req, endpoint);
  };
}
