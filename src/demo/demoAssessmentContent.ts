// What two organisations on a demo family's team wrote in its assessment:
// strengths first, plain and respectful, as a family might read it. Each
// function gives the answers of one organisation ("first" is the family's
// first organisation on the team, "second" the next).
import type { AssessmentAnswers } from '../db/schema.ts';

export interface DemoPeople {
  /** The member the section is about. */
  name: string;
  /** The person whose drinking or drug use affects the family, when there is one. */
  lovedOne: string;
  /** The eldest adult who is not the loved one, for the whole-family section. */
  carer: string;
}

export function familyAnswers(p: DemoPeople, first: boolean, edition: number): AssessmentAnswers {
  if (!first)
    return {
      strengths: `They are honest with each other about what is going on, even when it is hard. ${p.carer} keeps everyone going.`,
      gettingOn: 'Close but tired. Arguments happen most at weekends and money is a worry for everyone.',
      impact: null,
      wants: 'A holiday together, even a few days at the caravan in Ardmore.',
    };
  return {
    strengths: `The family eat together most Sundays at ${p.carer}’s and everyone turns up. They want to stay together.`,
    gettingOn: `Warm, with strain when ${p.lovedOne} has been drinking; the children then keep to their rooms.`,
    impact:
      edition === 1
        ? `Broken sleep, missed school mornings and worry about ${p.lovedOne}’s health.`
        : `Fewer bad weekends since ${p.lovedOne} started with the recovery service; worry about money remains.`,
    wants: edition === 1 ? 'Fewer arguments at home.' : 'Fewer arguments, and to plan a holiday together.',
  };
}

export function adultAnswers(p: DemoPeople, first: boolean, ownUse: boolean): AssessmentAnswers {
  if (ownUse)
    return first
      ? {
          strengths: `${p.name} loves the children and wants to be there for them. Kept every recovery appointment this month.`,
          health: 'Poor sleep and appetite; sees the GP this week.',
          emotional: 'Feels ashamed and worried about letting the family down.',
          relationships: 'Strained with the family, improving since starting support.',
          money: 'Rent arrears of about £600.',
          ownUse: 'Drinking most days; wants to cut down with support from the recovery service.',
          wants: 'To be well enough to take the children to football again.',
        }
      : {
          strengths: `${p.name} is open about what is happening and turns up.`,
          housing: 'Tenancy at risk because of the arrears; housing support is helping with a payment plan.',
          work: 'Out of work since the spring.',
          coping: 'Walking the dog, and the peer group on Thursdays.',
        };
  return first
    ? {
        strengths: `${p.name} is practical, kind and holds the family together. Good friends at the church and a sister nearby.`,
        health: 'Tired all the time; back pain from lifting.',
        emotional: `Anxious when ${p.lovedOne} goes out; sometimes blames themself.`,
        relationships: `Loving but strained with ${p.lovedOne}; close to the children.`,
        money: `Covering ${p.lovedOne}’s share of the bills.`,
        safety: 'No current concerns about safety at home; knows how to get help if that changes.',
        caring: 'Looks after the children most days and helps an elderly parent.',
        socialSupport: 'Has stopped seeing friends as much. Would like to go back to the choir.',
        ownUse: 'Drinks a little at weekends; no concerns.',
        coping: 'Talking to the family support worker, walking, and the choir when they can get there.',
        wants: 'Some time for themselves each week, and to sleep through the night.',
      }
    : {
        strengths: `${p.name} has kept going through a very hard year and asks for help when needed.`,
        housing: 'Secure council tenancy, but the house is crowded.',
        work: 'Part-time at the supermarket; shifts are hard to fit round caring.',
        socialSupport: 'Comes to the Kilbrannan family group most weeks.',
        wants: 'To feel less alone with it.',
      };
}

export function childAnswers(p: DemoPeople, first: boolean): AssessmentAnswers {
  if (!first)
    return {
      strengths: `${p.name} is funny, good at drawing and looks out for younger children.`,
      achievingRating: 'doing_well',
      achievingStrengths: 'Reading well for their age; the teacher says they try hard.',
      activeRating: 'some_concerns',
      activeConcerns: 'Stopped going to football because nobody can take them.',
      includedRating: 'doing_well',
      includedStrengths: 'Has a good group of friends at school.',
      widerWorldStrengths:
        'School is a safe and settled place; good relationship with the pupil support teacher.',
      widerWorldChallenges: 'Money is tight at home; no trips or clubs this year.',
    };
  return {
    strengths: `${p.name} is kind, loves animals and is close to their gran. Talks openly to their worker.`,
    safeRating: 'some_concerns',
    safeStrengths: 'Knows who to phone and where to go if things get bad at home.',
    safeConcerns: `Has been at home alone with ${p.lovedOne} when ${p.lovedOne} was drunk.`,
    healthyRating: 'doing_well',
    healthyStrengths: 'Healthy and up to date with the dentist and the school nurse.',
    achievingRating: 'doing_well',
    nurturedRating: 'some_concerns',
    nurturedStrengths: `${p.carer} gives warm, steady care.`,
    nurturedConcerns: 'Evenings are unpredictable; bedtimes slip.',
    activeRating: 'some_concerns',
    respectedRating: 'doing_well',
    respectedStrengths: 'Was asked what they wanted and listened to at the family meeting.',
    responsibleRating: 'some_concerns',
    responsibleConcerns: 'Does a lot at home for their age: making tea, getting younger ones to school.',
    includedRating: 'doing_well',
    growingStrengths: 'Growing well; curious and chatty once they know you.',
    growingChallenges: 'Worries a lot and finds it hard to sleep.',
    lookAfterMeStrengths: `${p.carer} is always there for them.`,
    lookAfterMeChallenges: `Needs calm evenings and to know ${p.lovedOne} is safe.`,
    ownViews: `I like going to my gran’s because it’s quiet and she makes pancakes. I don’t like it when there’s shouting. I want everyone at home to be okay and I want to go back to football.`,
  };
}
