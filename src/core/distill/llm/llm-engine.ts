import type { LlmClient } from '../../llm/types';
import type { Trajectory } from '../../transcripts/model';
import type { Atom } from '../atoms/types';
import type { DistillEngine, ExistingSkill, Proposals, ProposeRequest, RouteRequest, Routing, Unanswered } from '../engine';
import type { SkillDraft } from '../offline/draft';
import { DEFAULT_LLM_ENGINE_OPTIONS, type LlmEngineOptions, type StageContext } from './context';
import { proposeWithModel } from './propose';
import { reviseWithModel } from './revise';
import { routeWithModel } from './route';
import { splitKey, splitShortSessions, splitWithModel, type SplitJob } from './split';

/**
 * The model-backed engine. It decides what the offline engine decides, asking a model where judgement
 * helps (where intents change, which candidate an atom belongs to, how to write a skill) and keeping
 * everything measurable deterministic (atom steps and outcomes, candidate groups, provenance). Each call
 * is one bounded request through the guarded client: no agent loops, no tool rounds.
 *
 * What it could not do without failing the run (an unusable reply, a refused draft) is collected in
 * `problems`; what is merely worth telling in `notices`. The caller reports both.
 */
export class LlmEngine implements DistillEngine {
  readonly name = 'llm';
  readonly problems: string[] = [];
  readonly notices: string[] = [];
  private readonly options: LlmEngineOptions;
  /** Splits made ahead by `planSplits`, used once each by `split`. */
  private readonly planned = new Map<string, Atom[]>();

  constructor(
    private readonly client: LlmClient,
    options: Partial<LlmEngineOptions> = {},
  ) {
    if (!client.canChat) throw new Error('programming error: the LLM engine needs a client that can chat; use the offline engine instead');
    this.options = { ...DEFAULT_LLM_ENGINE_OPTIONS, ...options };
  }

  /**
   * Splits the short sessions among `jobs` ahead of the pipeline, several per call (see
   * `splitShortSessions`). Optional: `split` gives the same kind of atoms without it, one session per call.
   */
  async planSplits(jobs: Iterable<SplitJob>, signal?: AbortSignal): Promise<void> {
    for (const [key, atoms] of await splitShortSessions(this.context(signal), jobs)) this.planned.set(key, atoms);
  }

  split(t: Trajectory, fromTurn: number, signal?: AbortSignal): Promise<Atom[]> {
    const key = splitKey(t, fromTurn);
    const planned = this.planned.get(key);
    if (planned) {
      this.planned.delete(key);
      return Promise.resolve(planned);
    }
    return splitWithModel(this.context(signal), t, fromTurn);
  }

  route(requests: RouteRequest[], signal?: AbortSignal): Promise<Routing[]> {
    return routeWithModel(this.context(signal), requests);
  }

  propose(request: ProposeRequest, signal?: AbortSignal): Promise<Proposals> {
    return proposeWithModel(this.context(signal), request);
  }

  revise(skill: ExistingSkill, evidence: Atom[], signal?: AbortSignal): Promise<SkillDraft | Unanswered | undefined> {
    return reviseWithModel(this.context(signal), skill, evidence);
  }

  private context(signal?: AbortSignal): StageContext {
    return {
      client: this.client,
      options: this.options,
      problem: (line) => this.problems.push(line),
      notice: (line) => this.notices.push(line),
      signal,
    };
  }
}
