import type { Atom } from '../atoms/types';
import { runsOf } from './commands';

/** What a request did, as features: the commands it ran, the kinds of files it edited, other tools it used. */
export function actionFeatures(atom: Atom): Set<string> {
  const out = new Set<string>();
  for (const r of runsOf(atom)) out.add(`run:${r.head}`);
  for (const s of atom.steps) {
    if (s.signature.startsWith('edit:') && s.signature !== 'edit:?') out.add(s.signature);
    else if (s.signature.startsWith('tool:')) out.add(s.signature);
  }
  return out;
}

export interface ActionCluster {
  members: Atom[];
  /** Per feature, the share of members that have it. */
  centroid: Map<string, number>;
}

/**
 * Groups requests by what was done, not by what was said. Each request joins the group whose centroid
 * (the share of members having each feature) it is most like, if alike enough, else starts a group; a
 * second pass moves every request to its best group. A request is compared with a whole group, never with
 * its single nearest member, so "add a comment to a file" cannot chain a migration request to "create a
 * hello world file". Features are weighted by rarity: commands every request runs say little about which
 * workflow a request is.
 */
export function clusterByActions(atoms: readonly Atom[], minSimilarity = 0.45): ActionCluster[] {
  const items = [...atoms].sort((a, b) => a.id.localeCompare(b.id)).map((atom) => ({ atom, features: actionFeatures(atom) })).filter((x) => x.features.size > 0);
  const weight = rarityWeights(items.map((x) => x.features));
  // first pass: in a fixed order, each request joins the group it is most like as the groups stand
  const groups: Group[] = [];
  let home = items.map((item) => {
    const best = bestCluster(item.features, groups, weight, minSimilarity);
    const g = best ?? groups.push(newGroup()) - 1;
    addTo(groups[g], item.features);
    return g;
  });
  // then every request moves to its best group against the finished centroids, until nothing moves
  for (let pass = 0; pass < 3; pass++) {
    const next = home.map((h, i) => bestCluster(items[i].features, groups, weight, minSimilarity) ?? h);
    if (next.every((g, i) => g === home[i])) break;
    home = next;
    groups.forEach((g) => g.counts.clear());
    groups.forEach((g) => (g.size = 0));
    home.forEach((g, i) => addTo(groups[g], items[i].features));
  }
  const members = groups.map(() => [] as Atom[]);
  home.forEach((g, i) => members[g].push(items[i].atom));
  return groups
    .map((g, i) => ({ members: members[i], centroid: new Map([...g.counts].map(([f, n]) => [f, n / g.size])) }))
    .filter((c) => c.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length || a.members[0].id.localeCompare(b.members[0].id));
}

interface Group {
  counts: Map<string, number>;
  size: number;
}

function newGroup(): Group {
  return { counts: new Map(), size: 0 };
}

function addTo(g: Group, features: Set<string>): void {
  g.size++;
  for (const f of features) g.counts.set(f, (g.counts.get(f) ?? 0) + 1);
}

function rarityWeights(sets: Set<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const s of sets) for (const f of s) df.set(f, (df.get(f) ?? 0) + 1);
  return new Map([...df].map(([f, n]) => [f, Math.log(1 + sets.length / n)]));
}

/** Weighted Jaccard between a request's features and a group's centroid. */
function similarity(features: ReadonlySet<string>, g: Group, weight: ReadonlyMap<string, number>): number {
  let shared = 0;
  let mine = 0;
  let theirs = 0;
  for (const f of features) {
    const w = weight.get(f) ?? 1;
    mine += w;
    shared += (w * (g.counts.get(f) ?? 0)) / g.size;
  }
  for (const [f, n] of g.counts) theirs += ((weight.get(f) ?? 1) * n) / g.size;
  const union = mine + theirs - shared;
  return union > 0 ? shared / union : 0;
}

function bestCluster(features: Set<string>, groups: Group[], weight: Map<string, number>, min: number): number | undefined {
  let best: { i: number; s: number } | undefined;
  groups.forEach((g, i) => {
    if (g.size === 0) return;
    const s = similarity(features, g, weight);
    if (s >= min && (!best || s > best.s)) best = { i, s };
  });
  return best?.i;
}
