import {
  agencyChaseEmail,
  agencyReminderEmail,
  caseAlertEmail,
  dueDateChangedEmail,
  escalationEmail,
  escalationListEmail,
  longDate,
  moreInformationEmail,
  oneTimeCodeEmail,
  requestLinkEmail,
  requestStoppedEmail,
  safetyConcernEmail,
} from '../../functions/domain/emails';

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

  // An agency asked for several returns gets an e-mail for each: the subject tells them apart.
  it('name the return they are about in the subject', () => {
    expect(link.subject).toBe(
      'Information request for case LSCPB-2026-0007 from Leicester Safeguarding Children Partnership Board: Information Request Reply',
    );
    const reminder = (action: 'remind' | 'due-today' | 'chase') =>
      agencyReminderEmail(action, {
        partnershipName: 'P',
        officeName: 'O',
        officeEmail: 'o@example.org',
        caseReference: 'R-1',
        agencyName: 'A',
        returnLabel: 'Chronology of key events',
        dueOn: '2027-01-06',
        daysOverdue: 2,
        link: 'https://portal.example.org/respond#token=abc',
        linkExpiresOn: '2027-02-05',
      }).subject;
    expect(reminder('remind')).toBe(
      'Reminder: Chronology of key events for case R-1 is due on Wednesday 6 January 2027',
    );
    expect(reminder('due-today')).toBe('Due today: Chronology of key events for case R-1');
    expect(reminder('chase')).toBe(
      'Overdue: Chronology of key events for case R-1 was due on Wednesday 6 January 2027',
    );
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

describe('escalation e-mails say only what was sent', () => {
  const late = {
    partnershipName: 'Leicester Safeguarding Children Partnership Board',
    officeName: 'Leicester Safeguarding Boards Office',
    officeEmail: 'office@example.org',
    caseReference: 'LSCPB-2026-0007',
    agencyName: 'Leicestershire Police',
    returnLabel: 'Information Request Reply',
    dueOn: '2027-01-06',
    daysOverdue: 16,
    portalLink: 'https://portal.example.org/cases/1',
  };

  it('"despite reminders" once the agency was reminded, and a failed resolution once the group was asked', () => {
    const email = escalationEmail('escalate-partners', { ...late, remindersSent: 3, referredToCrg: true });
    expect(email.text).toContain('is 16 working days overdue despite reminders.');
    expect(email.text).toContain('A prompt resolution has not been found');
  });

  it('plainly overdue when a missed run escalated before any reminder or referral was sent', () => {
    for (const level of ['escalate-crg', 'escalate-partners'] as const) {
      const email = escalationEmail(level, { ...late, remindersSent: 0, referredToCrg: false });
      expect(email.text).toContain('It was due on Wednesday 6 January 2027 and is 16 working days overdue.');
      expect(email.text).not.toMatch(/reminder|resolution has not been found/i);
    }
  });
});

describe('statutory risk alerts say whether the date is coming or has passed', () => {
  const meeting = {
    partnershipName: 'P',
    caseReference: 'R-1',
    portalLink: 'https://x.example/cases/1',
    outstanding: 2,
    windowFrom: '2027-01-06',
    deadline: '2027-01-11',
  };
  const panel = { ...meeting, windowFrom: undefined, deadline: '2027-01-13' };

  it('on time: the meeting window opens, the National Panel deadline is at risk', () => {
    expect(caseAlertEmail('replies-missing-at-meeting', { ...meeting, checkedOn: '2027-01-06' }).subject).toBe(
      'Rapid Review R-1: replies missing as the meeting window opens',
    );
    expect(caseAlertEmail('national-panel-at-risk', { ...panel, checkedOn: '2027-01-11' }).subject).toBe(
      'Rapid Review R-1: National Panel deadline at risk',
    );
  });

  it('late in the window: open, not opening', () => {
    const email = caseAlertEmail('replies-missing-at-meeting', { ...meeting, checkedOn: '2027-01-08' });
    expect(email.subject).toBe('Rapid Review R-1: replies missing in the meeting window');
    expect(email.text).not.toContain('opens');
  });

  it('after the date: passed, never as if it were still coming', () => {
    const closed = caseAlertEmail('replies-missing-at-meeting', { ...meeting, checkedOn: '2027-02-08' });
    expect(closed.subject).toBe('Rapid Review R-1: replies still missing after the meeting window closed');
    expect(closed.text).toContain('(Wednesday 6 January 2027 to Monday 11 January 2027) has passed');
    const missed = caseAlertEmail('national-panel-at-risk', { ...panel, checkedOn: '2027-02-08' });
    expect(missed.subject).toBe('Rapid Review R-1: National Panel deadline passed');
    expect(missed.text).toContain('was due at the National Panel by Wednesday 13 January 2027');
    expect(missed.text).not.toMatch(/at risk|must reach/);
    const cspr = caseAlertEmail('cspr-six-months-near', { ...panel, deadline: '2026-12-01', checkedOn: '2026-12-02' });
    expect(cspr.subject).toBe('CSPR R-1: six-month completion date passed');
  });

  it('day 15 at risk: names the missing decision and the replies still owed, nothing else', () => {
    const noDecision = caseAlertEmail('national-panel-at-risk', {
      ...panel,
      outstanding: 0,
      meetingDecision: 'not-recorded',
      checkedOn: '2027-01-11',
    });
    expect(noDecision.text.split('\n\n')[0]).toBe(
      "The Combined Summary for the National Panel and its covering letter for case R-1 must reach the National Panel by Wednesday 13 January 2027 (working day 15), and the Rapid Review meeting's decision is not recorded yet. The two documents report the meeting's decision: record it in the portal to make them.",
    );
    const both = caseAlertEmail('national-panel-at-risk', {
      ...panel,
      outstanding: 1,
      meetingDecision: 'not-recorded',
    });
    expect(both.text).toContain(
      "the Rapid Review meeting's decision is not recorded yet, and 1 Information Request Reply is still outstanding.",
    );
    const replies = caseAlertEmail('national-panel-at-risk', {
      ...panel,
      meetingDecision: 'recorded',
      checkedOn: '2027-02-08',
    });
    expect(replies.subject).toBe('Rapid Review R-1: National Panel deadline passed');
    expect(replies.text).toContain('That date has passed, and 2 Information Request Replies are still outstanding.');
    expect(replies.text).not.toContain('decision');
  });
});

describe('an agency is told when its request changes', () => {
  const about = {
    partnershipName: 'P',
    officeName: 'O',
    officeEmail: 'o@example.org',
    caseReference: 'R-1',
    agencyName: 'Leicestershire Police',
    returnLabel: 'Chronology of key events',
  };

  it('a new due date, with a fresh link', () => {
    const email = dueDateChangedEmail({
      ...about,
      dueOn: '2027-01-06',
      linkExpiresOn: '2027-02-05',
      link: 'https://portal.example.org/respond#token=abc',
    });
    expect(email.subject).toBe('New due date for case R-1 from P: Chronology of key events');
    expect(email.text).toContain('until Wednesday 6 January 2027');
    expect(email.text).toContain('https://portal.example.org/respond#token=abc');
  });

  // Neither a new date nor a request for more information revokes anything (ADR 0004): saying earlier links
  // stopped would send a lead hunting for the newest e-mail for nothing.
  it('a new date or a request for more information does not claim earlier links stopped working', () => {
    const linked = { ...about, dueOn: '2027-01-06', linkExpiresOn: '2027-02-05', link: 'https://x.example/respond' };
    for (const email of [dueDateChangedEmail(linked), moreInformationEmail(linked)]) {
      expect(email.text).not.toMatch(/no longer work/);
      expect(email.text).toContain('Links in earlier e-mails about this case still work until the date each gives.');
    }
  });

  it('a return no longer needed, withdrawn or not involved, with no link', () => {
    const withdrawn = requestStoppedEmail({ ...about, why: 'withdrawn' });
    expect(withdrawn.subject).toBe('No longer needed: Chronology of key events for case R-1');
    expect(withdrawn.text).toContain('P has withdrawn its request to Leicestershire Police');
    expect(withdrawn.text).toContain('Any other request for this case still stands.');
    const notInvolved = requestStoppedEmail({ ...about, why: 'not-involved' });
    expect(notInvolved.text).toContain('has recorded that Leicestershire Police was not involved with case R-1');
    const closed = requestStoppedEmail({ ...about, why: 'case-closed' });
    expect(closed.subject).toBe('No longer needed: Chronology of key events for case R-1');
    expect(closed.text).toContain(
      'P has closed case R-1, so the Chronology of key events asked of Leicestershire Police',
    );
    expect(closed.text).toContain('The links to this case no longer work.');
    expect(closed.text).not.toContain('still stands');
    for (const email of [withdrawn, notInvolved, closed]) {
      expect(email.text).not.toMatch(/https?:\/\//);
      expect(email.html).not.toContain('href=');
    }
  });
});

describe('a day of chasing about one agency in one case is one e-mail per person', () => {
  const about = {
    partnershipName: 'P',
    officeName: 'O',
    officeEmail: 'o@example.org',
    caseReference: 'LSCPB-2026-0003',
    agencyName: 'Leicestershire Police',
  };
  const late = { dueOn: '2027-01-06', daysOverdue: 2, remindersSent: 2, referredToCrg: false };

  it('escalates two late returns in one e-mail, each with its due date and how far the agency got', () => {
    const email = escalationListEmail(
      [
        { ...late, level: 'escalate-crg', returnLabel: 'Information Request Reply', progress: 'opened' },
        { ...late, level: 'escalate-crg', returnLabel: 'Information Report', progress: 'draft' },
      ],
      { ...about, portalLink: 'https://x.example/cases/1' },
    );
    expect(email.subject).toBe('Escalation to the Case Review Group: case LSCPB-2026-0003, Leicestershire Police');
    expect(email.text).toContain('Leicestershire Police has not sent 2 returns for case LSCPB-2026-0003:');
    expect(email.text).toContain(
      '- The Information Request Reply: due on Wednesday 6 January 2027, 2 working days overdue despite reminders (opened, no draft saved)',
    );
    expect(email.text).toContain(
      '- The Information Report: due on Wednesday 6 January 2027, 2 working days overdue despite reminders (draft saved, not submitted)',
    );
    expect(email.html).toContain('<ul><li>The Information Request Reply:');
    expect(email.text.match(/Case Review Group is asked to resolve this/g)).toHaveLength(1);
  });

  it('says a return reopened for more information lacks the further information, not the return', () => {
    const single = escalationEmail('escalate-crg', {
      ...about,
      ...late,
      returnLabel: 'Information Request Reply',
      portalLink: 'https://x.example/cases/1',
      reopened: true,
    });
    expect(single.text).toContain(
      'Leicestershire Police has not sent the further information asked for on its Information Request Reply for case LSCPB-2026-0003.',
    );
    expect(single.text).not.toContain('has not returned');
    const reminder = agencyReminderEmail('chase', {
      ...about,
      returnLabel: 'Information Request Reply',
      dueOn: '2027-01-06',
      daysOverdue: 1,
      reopened: true,
      link: 'https://x.example/respond#token=abc',
      linkExpiresOn: '2027-02-05',
    });
    expect(reminder.subject).toBe(
      'Overdue: further information on the Information Request Reply for case LSCPB-2026-0003 was due on Wednesday 6 January 2027',
    );
  });

  it('tells each level apart when one person hears of both, and reminds the agency of several returns with one link', () => {
    const both = escalationListEmail(
      [
        { ...late, level: 'escalate-crg', returnLabel: 'Information Request Reply' },
        { ...late, level: 'escalate-partners', returnLabel: 'Chronology of key events', referredToCrg: true },
      ],
      { ...about, portalLink: 'https://x.example/cases/1' },
    );
    expect(both.subject).toBe(
      'Escalation to the Case Review Group and the Safeguarding Partners: case LSCPB-2026-0003, Leicestershire Police',
    );
    expect(both.text).toContain('despite reminders — referred to the Case Review Group');
    expect(both.text).toContain('despite reminders — escalated to the Safeguarding Partners');
    expect(both.text).toContain('A prompt resolution has not been found');

    const reminders = agencyChaseEmail(
      [
        { action: 'due-today', returnLabel: 'Information Request Reply', dueOn: '2027-01-06', daysOverdue: 0 },
        { action: 'remind', returnLabel: 'Chronology of key events', dueOn: '2027-01-08', daysOverdue: -2 },
      ],
      { ...about, link: 'https://x.example/respond#token=abc', linkExpiresOn: '2027-02-07' },
    );
    expect(reminders.subject).toBe('Due today: 2 returns for case LSCPB-2026-0003');
    expect(reminders.text).toContain('- Information Request Reply: due today, Wednesday 6 January 2027');
    expect(reminders.text).toContain('- Chronology of key events: due on Friday 8 January 2027');
    expect(reminders.text.match(/#token=abc/g)).toHaveLength(1);
    expect(reminders.html.match(/href=/g)).toHaveLength(1);
  });
});
