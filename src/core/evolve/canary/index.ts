// Canaries: a candidate version of a skill against the current one on live sessions, decided by a gate
// whose false-promotion rate is measured (gate.ts explains the choice).
export type { Arm, ArmTally, Assignment, Canary, CanaryState, CanaryStatus, RecordedLook } from './types';
export { CanaryEngine, type CanaryEngineOptions, type ReviewEntry } from './engine';
export type { CanaryListener } from './listener';
export { canarySettings, DEFAULT_CANARY_SETTINGS, type CanarySettings } from './settings';
export { DEFAULT_GATE_SHAPE, planGate, runLooks, takeLook, PROMOTE_Z, ROLLBACK_Z, type GatePlan, type GateLook, type GateShape, type LookResult } from './gate';
export { simulateGate, type SimulationResult, type SimulationSpec } from './simulate';
export { probCandidateBetter, probGreater, type ArmCounts } from './beta';
export { seededRandom, type Random } from './random';
export { chooseArm } from './assign';
export { sameVersion } from './versions';
export { canaryStatuses } from './status';
