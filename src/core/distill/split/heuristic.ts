import { skillUsesInCalls } from '../../evolve/attribution/find-uses';
import { detectFeedback } from '../../match/feedback';
import { distinctiveTerms, headline } from '../../text/terms';
import type { ToolCall, Trajectory, Turn } from '../../transcripts/model';
import { toStep } from '../atoms/steps';
import type { Atom, AtomOutcome, OutcomeSignals, Step } from '../atoms/types';
import { correctionsIn } from '../offline/corrections';

/** A follow-up that continues the current request rather than starting a new one. */
const CONTINUATION = /^\s*(yes|yep|yeah|ok(ay)?|sure|go ahead|continue|proceed|do it|please do|sounds good|lgtm|looks good|great|perfect|thanks?( you)?|go on|keep going)\b[\s\S]{0,60}$/i;

export function sessionKeyOf(t: Pick<Trajectory, 'source' | 'sessionId'>): string {
  return `${t.source}:${t.sessionId}`;
}

/**
 * Cuts a trajectory into atoms at user turns where the intent changes: a new request starts an atom; an
 * acknowledgement, a clarification or a correction stays in the atom it answers. Covers the whole session.
 * `fromTurn` re-splits only from that turn on (the start of the last atom of an earlier split), so a grown
 * session keeps the ids of the atoms it already had.
 */
export function splitTrajectory(t: Trajectory, fromTurn = 0): Atom[] {
  const starts: number[] = [];
  t.turns.forEach((turn, i) => {
    if (i < fromTurn || turn.role !== 'user') return;
    if (starts.length === 0 || !continuesPrevious(turn)) starts.push(i);
  });
  const key = sessionKeyOf(t);
  return starts.map((start, k) => buildAtom(t, key, start, starts[k + 1] ?? t.turns.length));
}

function continuesPrevious(turn: Turn): boolean {
  return CONTINUATION.test(turn.text) || detectFeedback(turn.text) !== undefined;
}

/** The atom for turns [start, end): steps, signals and outcome from the transcript itself. */
export function buildAtom(t: Trajectory, sessionKey: string, start: number, end: number): Atom {
  const turns = t.turns.slice(start, end);
  const calls = turns.flatMap((turn) => turn.toolCalls);
  const steps = calls.map(toStep);
  const signals = signalsOf(turns, steps);
  const request = turns[0].text;
  const corrections = correctionsIn(turns);
  return {
    id: `${sessionKey}#${start}`,
    sessionKey,
    source: t.source,
    turnStart: start,
    turnEnd: end,
    intent: headline(request, 120),
    request: request.slice(0, 2000),
    summary: summarize(request, steps, signals),
    tags: distinctiveTerms([request], [request], 5),
    steps,
    signals,
    outcome: outcomeOf(signals),
    usedSkills: usedSkillsOf(calls),
    workspace: t.workspace,
    startedAt: turns[0].timestamp ?? t.startedAt,
    ...(corrections.length ? { corrections } : {}),
  };
}

function signalsOf(turns: Turn[], steps: Step[]): OutcomeSignals {
  let retries = 0;
  for (let i = 1; i < steps.length; i++) {
    if (steps[i - 1].failed && steps[i].signature === steps[i - 1].signature) retries++;
  }
  const lastRun = [...steps].reverse().find((s) => s.signature.startsWith('run'));
  return {
    toolCalls: steps.length,
    toolErrors: steps.filter((s) => s.failed).length,
    retries,
    corrected: turns.slice(1).some((turn) => turn.role === 'user' && detectFeedback(turn.text) !== undefined),
    endedInError: lastRun?.failed ?? false,
  };
}

/** Offline the signals alone decide; an atom with no tool work and no complaint is not evidence either way. */
function outcomeOf(s: OutcomeSignals): AtomOutcome {
  if (s.corrected || s.endedInError) return 'failure';
  return s.toolCalls > 0 ? 'success' : 'unknown';
}

function summarize(request: string, steps: Step[], s: OutcomeSignals): string {
  const ran = unique(steps.filter((x) => x.signature.startsWith('run:')).map((x) => x.signature.slice(4))).slice(0, 4);
  const edited = unique(steps.filter((x) => x.signature.startsWith('edit:')).map((x) => x.detail ?? x.signature.slice(5))).slice(0, 4);
  const parts = [headline(request, 80)];
  if (ran.length) parts.push(`ran ${ran.join(', ')}`);
  if (edited.length) parts.push(`edited ${edited.join(', ')}`);
  parts.push(s.corrected ? 'user corrected the agent' : s.endedInError ? 'ended in an error' : `${s.toolCalls} tool calls`);
  return parts.join('; ').slice(0, 240);
}

/** Skills the atom loaded: the skill tool, reads of an installed SKILL.md, and the version marker they showed. */
function usedSkillsOf(calls: ToolCall[]): { name: string; version?: string }[] {
  return skillUsesInCalls(calls).map((u) => (u.version ? { name: u.skill, version: u.version } : { name: u.skill }));
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
