// A public link made for one cell (`/s/<slug>?district=…`): which answers it may fix on the page.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TPublicCampaign } from '../../server/contract/public.ts';
import { fixedStratum } from '../../client/src/respondent/draft.ts';

const survey = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../fixtures/surveys/mini/survey.json'), 'utf8'));
const campaign = (access: 'public' | 'token' | 'both', invitation?: TPublicCampaign['invitation']): TPublicCampaign => ({
  campaign: {
    slug: 'mini', title: 'Mini', opensAt: '', closesAt: '', status: 'open', timezone: 'Asia/Ho_Chi_Minh', access,
    stratumVariables: ['district'],
  },
  version: 1,
  survey,
  ...(invitation ? { invitation } : {}),
});

describe('When a respondent opens a link made for one cell', () => {
  it('then only the campaign’s stratum questions with one of their choices are fixed', () => {
    expect(fixedStratum({ slug: 'mini', cell: { district: 'hoa-vang', party_member: 'yes' } }, campaign('public'))).toEqual({ district: 'hoa-vang' });
    expect(fixedStratum({ slug: 'mini', cell: { district: 'hoi-an' } }, campaign('public'))).toBeUndefined();
    expect(fixedStratum({ slug: 'mini' }, campaign('both'))).toBeUndefined();
  });

  it('then an invitation’s cell wins, and a token-only campaign ignores the address', () => {
    const invited = campaign('token', { stratum: { district: 'hai-chau' } });
    expect(fixedStratum({ slug: 'mini', token: 'x'.repeat(24), cell: { district: 'hoa-vang' } }, invited)).toEqual({ district: 'hai-chau' });
    expect(fixedStratum({ slug: 'mini', cell: { district: 'hoa-vang' } }, campaign('token'))).toBeUndefined();
  });
});
