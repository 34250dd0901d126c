import { chaseRecipients } from '../../functions/domain/services/daily-sweep';
import type { Agency, Partnership } from '../../functions/domain/model';

const partnership = {
  officeEmail: 'office@scp.example.org',
  escalation: {
    caseReviewGroup: ['crg@scp.example.org'],
    safeguardingPartners: ['partners@scp.example.org', 'la@scp.example.org'],
  },
} as Partnership;
const agency = {
  leadEmail: 'lead@agency.example.org',
  deputyEmail: 'deputy@agency.example.org',
  strategicLeadEmail: 'Strategic@agency.example.org',
} as Agency;

describe('who each ladder step goes to', () => {
  it('reminders and chasers: the agency lead and deputy', () => {
    for (const action of ['remind', 'due-today', 'chase'] as const) {
      expect(chaseRecipients(action, partnership, agency)).toEqual([
        'lead@agency.example.org',
        'deputy@agency.example.org',
      ]);
    }
  });

  it('the Case Review Group step: the office, the strategic lead and the group', () => {
    expect(chaseRecipients('escalate-crg', partnership, agency)).toEqual([
      'office@scp.example.org',
      'strategic@agency.example.org',
      'crg@scp.example.org',
    ]);
  });

  it('the Safeguarding Partners step: the office, the strategic lead and the partners, once each', () => {
    expect(
      chaseRecipients('escalate-partners', { ...partnership, officeEmail: 'la@scp.example.org' }, {
        ...agency,
        strategicLeadEmail: undefined,
      } as Agency),
    ).toEqual(['la@scp.example.org', 'partners@scp.example.org']);
  });
});
