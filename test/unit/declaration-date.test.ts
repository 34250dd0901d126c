import { declarationDateProblem, earliestDeclarationDate, returnIssues } from '../../functions/domain/returns';
import { checkDeclaration, emptyDeclaration } from '../../web/src/lib/declaration';
import { kindedFromSubmitted } from '../../web/src/lib/kinded';
import { formFromSubmitted, Problems } from '../../web/src/lib/reply';
import { completeReply } from '../support/scenario';

/** A declaration is made for one version of a return: not before its request, and afresh for each version. */
const sent = { status: 'sent', sentAt: '2026-11-20T09:00:00.000Z' };
const reopened = { status: 'more-info-requested', sentAt: sent.sentAt, submittedAt: '2026-11-25T16:30:00.000Z' };

describe('the declaration date', () => {
  it('may not be before the day the request was sent, nor in the future', () => {
    expect(declarationDateProblem('2026-11-20', '2026-11-27', sent)).toBeUndefined();
    expect(declarationDateProblem('2024-06-03', '2026-11-27', sent)).toBe(
      'The declaration date must be on or after Friday 20 November 2026, when the request was sent',
    );
    expect(declarationDateProblem('2026-11-28', '2026-11-27', sent)).toBe(
      'The declaration date cannot be in the future',
    );
  });

  it('for a new version, may not be before the previous version was submitted', () => {
    expect(earliestDeclarationDate(reopened)).toEqual({
      on: '2026-11-25',
      since: 'the previous version was submitted',
    });
    expect(declarationDateProblem('2026-11-24', '2026-11-27', reopened)).toMatch(/on or after Wednesday 25 November/);
    // A retry of the submission already in is judged as it first was.
    expect(declarationDateProblem('2026-11-24', '2026-11-27', { ...reopened, status: 'submitted' })).toBeUndefined();
  });

  it('is the rule the submission applies', () => {
    const content = completeReply({ declaration: { ...completeReply().declaration, date: '2024-06-03' } }) as never;
    const request = { returnType: 'information-request-reply' as const, ...sent };
    expect(returnIssues(content, request, '2026-11-27')).toEqual([
      {
        path: 'declaration.date',
        message: 'The declaration date must be on or after Friday 20 November 2026, when the request was sent',
      },
    ]);
  });

  it('is the rule the web form applies, given its request', () => {
    const form = {
      ...emptyDeclaration(),
      name: 'Jo Lead',
      role: 'DSL',
      date: { day: '24', month: '11', year: '2026' },
      factsFromOpinion: true,
      conflict: 'no' as const,
    };
    const p = new Problems();
    checkDeclaration(p, form, '2026-11-27', reopened);
    expect(p.list.map((e) => [e.fieldId, e.message])).toEqual([
      [
        'declaration-date-day',
        'The declaration date must be on or after Wednesday 25 November 2026, when the previous version was submitted',
      ],
    ]);
    const none = new Problems();
    checkDeclaration(none, { ...form, date: { day: '25', month: '11', year: '2026' } }, '2026-11-27', reopened);
    expect(none.list).toEqual([]);
  });
});

describe('a new version starts from the submitted return', () => {
  const submitted = completeReply({ declaration: { ...completeReply().declaration, date: '2024-06-03' } });

  it('keeps who declared it, and asks again for the date and the confirmation', () => {
    const reply = formFromSubmitted(submitted);
    expect(reply).toMatchObject({ declarationName: 'DI Sam Okafor', declarationRole: 'Safeguarding lead' });
    expect(reply.declarationDate).toEqual({ day: '', month: '', year: '' });
    expect(reply.factsFromOpinion).toBe(false);
    expect(reply.earlyLearning).toBe(submitted.earlyLearning);

    const summary = {
      kind: 'factual-summary',
      summary: 'As sent',
      contacts: [],
      declaration: submitted.declaration,
    };
    const kinded = kindedFromSubmitted('factual-summary', summary).declaration;
    expect(kinded).toMatchObject({ name: 'DI Sam Okafor', role: 'Safeguarding lead', factsFromOpinion: false });
    expect(kinded.date).toEqual({ day: '', month: '', year: '' });
  });
});
