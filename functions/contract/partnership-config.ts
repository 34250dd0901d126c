import { z } from 'zod';
import { email, line } from './primitives';

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
  })
  .strict();

export const PartnershipsFile = z.object({
  $comment: z.string().optional(),
  partnerships: z.array(PartnershipConfig).min(1),
});
