import { nestsDeeperThan, notAnObjectIssue } from './body-shape';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('nestsDeeperThan', () => {
  it('counts object and array levels', () => {
    expect(nestsDeeperThan(nested(64), 64)).toBe(false);
    expect(nestsDeeperThan(nested(65), 64)).toBe(true);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 'x' }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: 1, b: [1, 2, { c: 'x' }] }, 2)).toBe(true);
    expect(nestsDeeperThan(null, 1)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('walks a million levels without recursion', () => {
    expect(nestsDeeperThan(nested(1_000_000), 64)).toBe(true);
  });
});

describe('notAnObjectIssue', () => {
  it('takes objects and names everything else', () => {
    expect(notAnObjectIssue({})).toBeNull();
    expect(notAnObjectIssue(null)?.messages[0].en).toBe('body must be a JSON object, not null');
    expect(notAnObjectIssue([])?.messages[0].en).toBe('body must be a JSON object, not an array');
    expect(notAnObjectIssue(42)?.messages[0].en).toBe('body must be a JSON object, not a number');
  });
});
