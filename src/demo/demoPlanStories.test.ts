import { describe, expect, it } from 'vitest';
import { planStory } from './demoPlanStories.ts';

const members = [
  { personId: 'p-gran', name: 'Agnes', roles: ['affected_family_member', 'adult_carer'] },
  { personId: 'p-dad', name: 'Darren', roles: ['using_substances'] },
  { personId: 'p-kid', name: 'Kayla', roles: ['child_or_young_person'] },
];

describe('demo plan stories', () => {
  it('gives a family goal and each member’s own goal in their words, with scores that move', () => {
    const story = planStory(0, members, 3);
    expect(story.goals.map((g) => g.personId)).toEqual([null, 'p-gran', 'p-dad', 'p-kid']);
    expect(story.goals[2]?.familyWords).toContain('Stay off the drink');
    for (const goal of story.goals) {
      expect(goal.scores).toHaveLength(3);
      expect(goal.scores.every((s) => s >= 0 && s <= 10)).toBe(true);
      expect(new Set(goal.scores).size).toBeGreaterThan(1);
    }
    expect(planStory(0, members, 3)).toEqual(story);
  });

  it('has actions past their date for the worker and one for the child’s goal', () => {
    const story = planStory(1, members, 2);
    const workerOverdue = story.actions.filter(
      (a) =>
        a.owner.kind === 'worker' &&
        a.dueInDays < 0 &&
        (a.status === 'not_started' || a.status === 'in_progress'),
    );
    expect(workerOverdue.length).toBeGreaterThanOrEqual(2);
    expect(story.actions.find((a) => a.what.includes('Kayla'))?.goal).toBe(3);
    expect(story.actions.filter((a) => a.fromMeeting)).toHaveLength(2);
  });
});
