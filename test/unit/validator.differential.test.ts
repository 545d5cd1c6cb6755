// When 2,000 generated responses (valid ones and ones broken in every way issue 3 lists) go through
// both the compiled validator and the survey-core Model reference, then both accept and reject
// exactly the same responses, and name the same questions.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileValidator } from '../../server/responses/validator/index';
import { createReference } from '../../server/responses/validator/reference';
import { generateResponses } from '../helpers/generate-responses';

// The demo questionnaire gets the full 2,000 the issue asks for; the fixture, which exists to reach
// question types the demo lacks, fewer (the survey-core reference costs ~50-100 ms a response).
const QUESTIONNAIRES = [
  { name: 'kitchen-sink fixture', file: 'test/fixtures/validator/kitchen-sink.json', seed: 20231, COUNT: 600 },
  { name: 'demo questionnaire giua-nhiem-ky-2023', file: 'surveys/giua-nhiem-ky-2023/survey.json', seed: 43, COUNT: 2_000 },
];

// Breakages that break the response whatever it held before; survey-core quirks that must pass.
const ALWAYS_REJECTED = [
  'unknown_question', 'unknown_row', 'unknown_column', 'too_many_choices', 'too_few_choices', 'required_missing',
  'row_missing', 'rating_out_of_scale', 'number_out_of_range', 'too_long', 'forbidden_key', 'none_with_others',
  'other_without_text', 'select_all_value', 'ranking_bad',
];
const ALWAYS_ACCEPTED = ['valid', 'other_as_free_text', 'number_as_string_choice', 'disabled_answered'];

describe.each(QUESTIONNAIRES)('compiled validator vs survey-core on the $name', ({ file, seed, COUNT }) => {
  it(`agrees on ${COUNT} generated responses`, { timeout: 900_000 }, async () => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const responses = await generateResponses(json, COUNT, seed);
    const compiled = compileValidator(json);
    const verdicts = await createReference(json).checkAll(responses.map((r) => r.answers));

    const disagreements: string[] = [];
    const namesDiffer: string[] = [];
    const rejectedByKind = new Map<string, { total: number; rejected: number }>();
    responses.forEach((r, i) => {
      const ours = compiled.validate(r.answers, 'vi');
      const theirs = verdicts[i];
      const tally = rejectedByKind.get(r.kind) ?? { total: 0, rejected: 0 };
      rejectedByKind.set(r.kind, { total: tally.total + 1, rejected: tally.rejected + (theirs.length > 0 ? 1 : 0) });
      const describe = () => `#${i} ${r.kind}: compiled ${JSON.stringify(ours.map((e) => [e.question, e.code]))} ` +
        `survey-core ${JSON.stringify(theirs.map((e) => [e.question, e.code]))} answers ${JSON.stringify(r.answers).slice(0, 300)}`;
      if ((ours.length === 0) !== (theirs.length === 0)) disagreements.push(describe());
      else if (names(ours) !== names(theirs)) namesDiffer.push(describe());
    });

    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(namesDiffer.slice(0, 5)).toEqual([]);
    for (const [kind, { total, rejected }] of rejectedByKind) {
      if (ALWAYS_REJECTED.includes(kind)) expect({ kind, rejected }).toEqual({ kind, rejected: total });
      if (ALWAYS_ACCEPTED.includes(kind)) expect({ kind, rejected }).toEqual({ kind, rejected: 0 });
    }
    // the generator must really exercise both sides: plenty of valid and of rejected responses
    expect(rejectedByKind.get('valid')!.total).toBeGreaterThan(COUNT / 5);
    const rejected = [...rejectedByKind.values()].reduce((n, t) => n + t.rejected, 0);
    expect(rejected).toBeGreaterThan(COUNT / 2);
  });
});

function names(errors: { question: string }[]): string {
  return [...new Set(errors.map((e) => e.question))].sort().join(',');
}
