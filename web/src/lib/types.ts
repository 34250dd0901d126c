/** Shapes of the API's answers, as the web uses them (GET /api/openapi.json is the full contract). */
export type { InformationRequestReply } from '../../../functions/contract/returns';

export type RouteKey = 'rapid-review' | 'agency-referral' | 'cspr';

export interface Milestone {
  key: string;
  label: string;
  due: string;
  from?: string;
  workingDaysLeft?: number;
}

export interface FamilyMember {
  name: string;
  relationship: string;
}

export interface Subject {
  name: string;
  dateOfBirth: string;
  pseudonym?: string;
  address?: string;
  familyMembers?: FamilyMember[];
}

export interface CaseView {
  id: string;
  reference: string;
  route: RouteKey;
  day0: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt?: string;
  milestones: Milestone[];
  subject: Subject;
}

export interface Agency {
  id: string;
  name: string;
  kind: string;
  leadName: string;
  leadEmail: string;
  deputyEmail?: string;
  strategicLeadName?: string;
  strategicLeadEmail?: string;
}

export interface Reminder {
  step: string;
  /** When it went; a reminder recorded but not (yet) sent has only recordedAt. */
  sentAt?: string;
  recordedAt?: string;
  to?: string[] | string;
}

export interface RequestView {
  id: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  returnType: string;
  status: string;
  dueOn: string;
  createdAt: string;
  sentAt?: string;
  openedAt?: string;
  submittedAt?: string;
  returnVersion?: number;
  workingDaysLeft?: number;
  emailStatus?: 'sent' | 'queued' | 'failed';
  lastReminder?: { step: string; sentAt: string };
  escalationStep?: string;
  /** Why the request was last extended, reopened or closed without a return. */
  lastReason?: string;
  reminders?: Reminder[];
  immediateSafetyConcern?: boolean;
}

export interface ReturnView {
  requestId: string;
  agencyName: string;
  returnType: string;
  version: number;
  submittedAt: string;
  immediateSafetyConcern: boolean;
  nilReturn: boolean;
  content: unknown;
}

export interface ReturnVersion {
  version: number;
  submittedAt: string;
  nilReturn: boolean;
  immediateSafetyConcern: boolean;
}

export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  actor: { type: string; username?: string; agencyId?: string; name?: string };
  requestId?: string;
  agencyId?: string;
  detail?: Record<string, unknown>;
}

export interface Me {
  username: string;
  partnership: { id: string; name: string; officeName: string };
}

// ---------- Agency side ----------

export interface AgencyRequestSummary {
  id: string;
  returnType: string;
  returnLabel: string;
  status: string;
  dueOn: string;
  workingDaysLeft: number;
  draftVersion?: number;
  draftSavedAt?: string;
  submittedAt?: string;
}

export interface AgencyOverview {
  partnership: { name: string; officeName: string; officeEmail: string };
  agency: { id: string; name: string };
  case: { reference: string; route: RouteKey; day0: string; subject: Subject };
  requests: AgencyRequestSummary[];
}

export interface AgencyRequestDetail {
  request: AgencyRequestSummary;
  draft?: { version: number; savedAt: string; content: unknown };
  submitted?: { version: number; submittedAt: string; content: unknown };
}

export interface Challenge {
  challengeId: string;
  sentTo: string[];
  partnershipName: string;
  agencyName: string;
  caseReference: string;
  expiresAt: string;
}

export interface SubmissionReceipt {
  requestId: string;
  status: 'submitted';
  submissionId: string;
  version: number;
  submittedAt: string;
  receipt: string;
}
