import type { RouteRequest, Routing } from '../engine';
import { OfflineEngine } from '../offline/offline-engine';
import { isUnusableReply, type StageContext } from './context';
import { ROUTE_SYSTEM, routeUser, type RouteItem } from './prompts';
import { clip, oneLine, renderAtomBrief } from './render';
import { routeSchema } from './schemas';

const DESCRIPTION_CHARS = 160;

/**
 * Routes one batch (the pipeline batches and shortlists): each atom goes with only its own retrieval
 * candidates, so the prompt grows with the batch and K, never with the library. Requests are labelled
 * R1, R2… rather than by atom id to keep the prompt short; an answer naming a skill outside that atom's
 * own list, or an atom the model skipped, counts as no skill.
 */
export async function routeWithModel(ctx: StageContext, requests: readonly RouteRequest[]): Promise<Routing[]> {
  if (requests.length === 0) return [];
  const items: RouteItem[] = requests.map((r, i) => ({
    ref: `R${i + 1}`,
    atom: renderAtomBrief(r.atom),
    candidates: r.candidates.map((c) => ({ name: c.name, description: clip(oneLine(c.description), DESCRIPTION_CHARS) })),
  }));
  let answer;
  try {
    answer = await ctx.client.chatJson({
      stage: 'route',
      system: ROUTE_SYSTEM,
      user: routeUser(items),
      schema: routeSchema,
      maxOutputTokens: ctx.options.maxOutputTokens.route,
      signal: ctx.signal,
    });
  } catch (e) {
    if (!isUnusableReply(e)) throw e;
    ctx.problem(`routing ${requests.length} requests: the model's answer was unusable (${e.reason}); routed them by retrieval and workflow instead`);
    return new OfflineEngine().route([...requests]);
  }
  const byRef = new Map(answer.value.routes.map((r) => [r.request.trim(), r]));
  return requests.map((r, i) => {
    const said = byRef.get(items[i].ref);
    const skill = said?.skill?.trim();
    if (!skill || !r.candidates.some((c) => c.name === skill)) return { atomId: r.atom.id, weight: 0 };
    const weight = Number.isFinite(said!.weight) ? Math.max(0, Math.min(1, said!.weight)) : 0;
    return { atomId: r.atom.id, skill, weight };
  });
}
