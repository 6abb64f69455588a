import { z } from 'zod';

/**
 * The JSON the model answers with, one schema per stage. Lengths (intent ≤ 80, summary ≤ 240, 3–5 tags) are
 * asked for in the prompts and enforced by clipping afterwards, not here: a reply a few characters over is
 * still useful, and a schema failure costs a whole repair call. What cannot be clipped into shape (a
 * boundary the model was not shown) fails the schema, so the client's one repair attempt names it.
 */

export interface SplitAnswer {
  sessions: { session: string; atoms: { turn: number; intent: string; summary: string; tags: string[] }[] }[];
}

/**
 * One request may hold several sessions (S1, S2…). Each must be answered; its boundaries must be user turns
 * shown for it, strictly increasing.
 */
export function splitSchema(parts: readonly { ref: string; userTurns: readonly number[] }[]): z.ZodType<SplitAnswer> {
  const allowed = new Map(parts.map((p) => [p.ref, p.userTurns]));
  return z
    .object({
      sessions: z.array(
        z.object({
          session: z.string(),
          atoms: z.array(z.object({ turn: z.number(), intent: z.string().min(1), summary: z.string(), tags: z.array(z.string()) })),
        }),
      ),
    })
    .superRefine((value, ctx) => {
      const answered = new Set(value.sessions.map((s) => s.session));
      for (const ref of allowed.keys()) {
        if (!answered.has(ref)) ctx.addIssue({ code: 'custom', path: ['sessions'], message: `session ${ref} is missing` });
      }
      value.sessions.forEach((s, i) => {
        const turns = allowed.get(s.session);
        if (!turns) {
          ctx.addIssue({ code: 'custom', path: ['sessions', i, 'session'], message: `${s.session} is not a session shown` });
          return;
        }
        let previous = -1;
        s.atoms.forEach((a, j) => {
          const path = ['sessions', i, 'atoms', j, 'turn'];
          if (!Number.isInteger(a.turn) || !turns.includes(a.turn)) {
            ctx.addIssue({ code: 'custom', path, message: `${a.turn} is not a USER turn shown for ${s.session}; use one of ${turns.join(', ')}` });
          } else if (a.turn <= previous) {
            ctx.addIssue({ code: 'custom', path, message: `turns must increase (${a.turn} comes after ${previous})` });
          }
          previous = Math.max(previous, a.turn);
        });
      });
    });
}

export const routeSchema = z.object({
  routes: z.array(
    z.object({
      request: z.string(),
      skill: z.string().nullable(),
      weight: z.number(),
    }),
  ),
});
export type RouteAnswer = z.infer<typeof routeSchema>;

const skillText = {
  name: z.string().min(1),
  description: z.string().min(1),
  body: z.string().min(1),
};

const proposal = z.union([
  z.object({ group: z.string(), decision: z.literal('write'), ...skillText }),
  z.object({ group: z.string(), decision: z.literal('decline'), reason: z.string().min(1) }),
]);
export type Proposal = z.infer<typeof proposal>;
export interface ProposeAnswer {
  skills: Proposal[];
}

/** One answer per group asked about, each naming its group. */
export function proposeSchema(groups: readonly string[]): z.ZodType<ProposeAnswer> {
  return z.object({ skills: z.array(proposal) }).superRefine((value, ctx) => {
    const answered = value.skills.map((s) => s.group);
    for (const g of groups) if (!answered.includes(g)) ctx.addIssue({ code: 'custom', path: ['skills'], message: `group ${g} is not answered` });
    value.skills.forEach((s, i) => {
      if (!groups.includes(s.group)) ctx.addIssue({ code: 'custom', path: ['skills', i, 'group'], message: `${s.group} is not a group shown` });
    });
  });
}

export const reviseSchema = z.union([
  z.object({ decision: z.literal('revise'), description: z.string().min(1), body: z.string().min(1) }),
  z.object({ decision: z.literal('keep'), reason: z.string().min(1) }),
]);
export type ReviseAnswer = z.infer<typeof reviseSchema>;

/** A repaired draft: the same fields, no way out (declining is decided in the first answer). */
export const repairSchema = z.object({ description: z.string().min(1), body: z.string().min(1) });
export type RepairAnswer = z.infer<typeof repairSchema>;
