import { longDate, oneTimeCodeEmail, requestLinkEmail, safetyConcernEmail } from '../../functions/domain/emails';

describe('e-mails', () => {
  const link = requestLinkEmail({
    partnershipName: 'Leicester Safeguarding Children Partnership Board',
    officeName: 'Leicester Safeguarding Boards Office',
    officeEmail: 'office@example.org',
    caseReference: 'LSCPB-2026-0007',
    agencyName: 'Leicestershire Police',
    returnLabel: 'Information Request Reply',
    dueOn: '2027-01-06',
    linkExpiresOn: '2027-02-05',
    link: 'https://portal.example.org/respond#token=abc',
  });

  it('carry the case reference, the deadline in words and the link', () => {
    expect(link.subject).toContain('LSCPB-2026-0007');
    expect(link.text).toContain('Wednesday 6 January 2027');
    expect(link.text).toContain('https://portal.example.org/respond#token=abc');
    expect(link.html).toContain('href="https://portal.example.org/respond#token=abc"');
  });

  it('escape what they put into HTML', () => {
    const email = safetyConcernEmail({
      partnershipName: 'P',
      caseReference: 'R-1',
      agencyName: 'A & <B>',
      portalLink: 'https://x.example/cases/1',
    });
    expect(email.html).toContain('A &amp; &lt;B&gt;');
    expect(email.html).not.toContain('<B>');
  });

  it('keep a one-time code out of the subject line, which lock screens show', () => {
    const email = oneTimeCodeEmail({ partnershipName: 'P', caseReference: 'R-1', code: '012345', validMinutes: 10 });
    expect(email.subject).not.toContain('012345');
    expect(email.text).toContain('012345');
  });

  it('write dates the way people read them', () => {
    expect(longDate('2026-12-25')).toBe('Friday 25 December 2026');
  });
});
