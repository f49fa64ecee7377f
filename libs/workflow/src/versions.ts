import type { AnyStateMachine } from 'xstate';
import { CorruptSnapshotError } from './errors';
import { applyMachineV1 } from './machines/v1/apply';
import { autoMachineV1 } from './machines/v1/auto';
import { commitmentMachineV1 } from './machines/v1/commitment';
import { applyMachineV2 } from './machines/v2/apply';
import { autoMachineV2 } from './machines/v2/auto';
import { commitmentMachineV2 } from './machines/v2/commitment';
import type { WorkflowMode } from './types';

/** The machine version new applications start on. */
export const CURRENT_MACHINE_VERSION = 2;

/**
 * Every released machine definition, by version and mode. A persisted workflow always runs on the
 * version it was created with; released versions are never edited (see README.md, "Versioning").
 */
export const MACHINE_VERSIONS = {
  1: { apply: applyMachineV1, auto: autoMachineV1, commitment: commitmentMachineV1 },
  2: { apply: applyMachineV2, auto: autoMachineV2, commitment: commitmentMachineV2 },
} as const;

export type MachineVersion = keyof typeof MACHINE_VERSIONS;

/**
 * Any released workflow machine. The machines differ only in their state names, so code that handles
 * every machine uses XState's erased machine type; contexts are checked on load (persistence.ts).
 */
export type WorkflowMachine = AnyStateMachine;

export function isMachineVersion(version: unknown): version is MachineVersion {
  return typeof version === 'number' && Object.prototype.hasOwnProperty.call(MACHINE_VERSIONS, version);
}

/** The machine for `mode` at `version`; throws `CorruptSnapshotError` for a version this release lacks. */
export function getMachine(mode: WorkflowMode, version: number): WorkflowMachine {
  if (!isMachineVersion(version)) {
    throw new CorruptSnapshotError(`Unknown workflow machine version ${String(version)} for mode '${mode}'`);
  }
  return MACHINE_VERSIONS[version][mode];
}
