/** Where an atom is: enough to tell one group of atoms from another and count its sessions. */
export interface AtomRef {
  id: string;
  sessionKey: string;
}

/** A candidate group an engine judged not to be a skill (boilerplate, a prompt template, one-off work). */
export interface Decline {
  atoms: AtomRef[];
  reason: string;
  /** Who declined: the model's id, or the engine's name. */
  by: string;
}

/** A decline as stored by the pipeline. */
export interface DeclinedGroup extends Decline {
  declinedAt: string;
}

/**
 * The earlier decline that still answers for a group, if any. A decline holds for the same group and for
 * any part of it, and for the group grown by a few more requests from the sessions it already saw (most of
 * its members must have been judged). Evidence from a session it did not see can change the answer, so such
 * a group is asked again; so is a group that is mostly requests the decline never judged.
 */
export function declineCovering<D extends Decline>(members: readonly AtomRef[], declined: readonly D[]): D | undefined {
  return declined.find((d) => {
    const atoms = new Set(d.atoms.map((a) => a.id));
    const sessions = new Set(d.atoms.map((a) => a.sessionKey));
    const judged = members.filter((m) => atoms.has(m.id)).length;
    return judged * 2 > members.length && members.every((m) => sessions.has(m.sessionKey));
  });
}

/** The decline for a group of atoms. */
export function declineOf(members: readonly AtomRef[], reason: string, by: string): Decline {
  const atoms = new Map(members.map((m) => [m.id, { id: m.id, sessionKey: m.sessionKey }]));
  return { atoms: [...atoms.values()].sort((a, b) => a.id.localeCompare(b.id)), reason, by };
}
