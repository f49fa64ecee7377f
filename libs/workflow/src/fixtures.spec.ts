import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restingStates } from './persistence';
import type { WorkflowFixture } from './testing/fixtures';
import { isFinal, type WorkflowMode } from './types';
import { MACHINE_VERSIONS } from './versions';
import { acceptedEventTypes, applyWorkflowEvent, stateOf } from './workflow';

/**
 * Stored snapshots of released machine versions stand for applications already in the database: the
 * current library must load every one of them and move it on exactly as the version did when released.
 * They are written once per version by src/testing/write-fixtures.ts and never regenerated.
 */

function fixturesOf(version: number): [string, WorkflowFixture][] {
  const directory = join(__dirname, 'fixtures', `v${version}`);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(join(directory, file), 'utf8')) as WorkflowFixture]);
}

const v1 = fixturesOf(1);

describe('stored v1 snapshots', () => {
  it('cover every state of every v1 machine', () => {
    for (const mode of ['apply', 'commitment', 'auto'] as WorkflowMode[]) {
      const covered = new Set(v1.filter(([, f]) => f.mode === mode).map(([, f]) => f.state));
      expect({ mode, states: [...covered].sort() }).toEqual({
        mode,
        states: restingStates(MACHINE_VERSIONS[1][mode]).sort(),
      });
    }
  });

  it.each(v1)('%s loads with the current library and its next event behaves as released', (_, fixture) => {
    expect(fixture.persisted.machineVersion).toBe(1);
    expect(stateOf(fixture.persisted)).toBe(fixture.state);
    if (!fixture.next) {
      expect(isFinal(fixture.state)).toBe(true);
      expect(acceptedEventTypes(fixture.persisted)).toEqual([]);
      return;
    }
    const { event, actor, assigneeId, expectedState, expectedEffects } = fixture.next;
    const result = applyWorkflowEvent(fixture.persisted, event, actor, { assigneeId });
    if (!result.ok) throw new Error(`${fixture.description}: ${result.message}`);
    expect(result.state).toBe(expectedState);
    expect(result.effects).toEqual(expectedEffects);
    expect(result.persisted.machineVersion).toBe(1);
    expect(stateOf(JSON.parse(JSON.stringify(result.persisted)))).toBe(expectedState);
  });
});
