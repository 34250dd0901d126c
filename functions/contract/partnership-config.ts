import * as z from 'zod';
import { ladderProblems } from '../domain/chasing';
import { email, line } from './primitives';

const Ladder = z
  .array(
    z
      .object({
        key: z.string().regex(/^[a-z0-9-]{1,40}$/),
        offset: z.number().int().min(-20).max(30),
        action: z.enum(['remind', 'due-today', 'chase', 'escalate-crg', 'escalate-partners']),
      })
      .strict(),
  )
  .min(1)
  .max(12)
  .superRefine((ladder, ctx) => {
    for (const problem of ladderProblems(ladder)) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The shape of config/partnerships.json: validated before it is written anywhere. */
export const PartnershipConfig = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    name: line(200),
    officeName: line(200),
    officeEmail: email(),
    officeAddress: z.array(line(200)).min(1).max(8),
    referencePrefix: z.string().regex(/^[A-Z]{2,10}$/),
    allowedEmailDomains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).min(1),
    rapidReviewMeetingWindow: z
      .object({ from: z.number().int().min(1).max(15), to: z.number().int().min(1).max(15) })
      .refine((w) => w.from <= w.to, 'from must not be after to'),
    defaultReplyWorkingDays: z.number().int().min(1).max(60),
    linkGraceDays: z.number().int().min(0).max(90),
    escalation: z.object({ caseReviewGroup: z.array(email()).min(1), safeguardingPartners: z.array(email()).min(1) }),
    chronology: z.object({ gapDays: z.number().int().min(7).max(3650) }).strict(),
    retention: z.union([
      z.object({ yearsAfterClose: z.number().int().min(1).max(100) }).strict(),
      z.object({ daysAfterClose: z.number().int().min(30).max(36500) }).strict(),
    ]),
    chasing: z.object({
      ladders: z.object({ 'rapid-review': Ladder, 'agency-referral': Ladder, cspr: Ladder }).strict(),
      alerts: z
        .object({
          nationalPanelWarningWorkingDays: z.number().int().min(0).max(14),
          csprWarningWeeks: z.number().int().min(1).max(25),
        })
        .strict(),
    }),
  })
  .strict();

export const PartnershipsFile = z.object({
  $comment: z.string().optional(),
  partnerships: z.array(PartnershipConfig).min(1),
});
