import * as workflow from './index';

/** The names the API and the worker rely on (see README.md, "Public API"). */
describe('public API of @huiqi/workflow', () => {
  it('exports the contract', () => {
    const functions = [
      'startWorkflow',
      'createWorkflow',
      'applyWorkflowEvent',
      'stateOf',
      'contextOf',
      'acceptedEventTypes',
      'acceptedEventsFor',
      'isFinal',
      'isWorkflowState',
      'isWorkflowMode',
      'toActionType',
      'fromActionType',
      'validateEvent',
      'parseActionRequest',
      'commentOf',
      'getMachine',
      'validateParams',
      'currentAmountFen',
      'addWorkingDays',
      'workingDaysBetween',
      'isWorkingDay',
      'shanghaiDate',
      'endOfShanghaiDay',
      'validateCalendar',
    ];
    for (const name of functions)
      expect({ name, type: typeof workflow[name as keyof typeof workflow] }).toEqual({
        name,
        type: 'function',
      });
    expect(workflow.CURRENT_MACHINE_VERSION).toBe(2);
    expect(Object.keys(workflow.MACHINE_VERSIONS)).toEqual(['1', '2']);
    expect(workflow.WORKFLOW_MODES).toEqual(['apply', 'auto', 'commitment']);
    expect(workflow.EFFECT_TYPES).toEqual(
      expect.arrayContaining([
        'request-screening',
        'notify',
        'start-stage-deadline',
        'clear-stage-deadline',
        'start-publicity',
        'reserve-funds',
        'release-funds',
        'clawback-required',
        'blacklist-enterprise',
        'request-disbursement',
      ]),
    );
    expect(workflow.DEFAULT_WORKING_CALENDAR.timeZone).toBe('Asia/Shanghai');
    expect(new workflow.CorruptSnapshotError('x')).toBeInstanceOf(Error);
    expect(new workflow.WorkflowInputError([{ field: 'f', message: 'm' }]).issues).toHaveLength(1);
  });
});
