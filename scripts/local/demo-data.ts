import type { AgencyKind } from '../../functions/domain/model';

/**
 * Demo data for the local stack: fictional people at realistic agencies, with example.org addresses
 * so nothing can reach a real mailbox even if pointed at a real mail service.
 */
export interface DemoAgency {
  name: string;
  kind: AgencyKind;
  leadName: string;
  leadEmail: string;
  deputyEmail?: string;
  strategicLeadName?: string;
  strategicLeadEmail?: string;
}

export interface DemoOfficer {
  partnershipId: string;
  username: string;
  email: string;
  password: string;
}

export const DEMO_OFFICERS: DemoOfficer[] = [
  {
    partnershipId: 'leicester',
    username: 'officer.leicester',
    email: 'officer@leicester-scp.example.org',
    password: 'Leicester-demo-2026',
  },
  {
    partnershipId: 'leicestershire-rutland',
    username: 'officer.llr',
    email: 'officer@llr-scp.example.org',
    password: 'Rutland-demo-2026',
  },
];

export const DEMO_AGENCIES: Record<string, DemoAgency[]> = {
  leicester: [
    {
      name: 'Leicestershire Police',
      kind: 'police',
      leadName: 'DI Sam Okafor',
      leadEmail: 'safeguarding.lead@leicestershire-police.example.org',
      deputyEmail: 'safeguarding.deputy@leicestershire-police.example.org',
      strategicLeadName: 'Det Supt Helen Marsh',
      strategicLeadEmail: 'strategic.safeguarding@leicestershire-police.example.org',
    },
    {
      name: "Leicester City Council Children's Social Care",
      kind: 'childrens-social-care',
      leadName: 'Priya Chauhan',
      leadEmail: 'csc.safeguarding@leicester-city.example.org',
      deputyEmail: 'csc.deputy@leicester-city.example.org',
    },
    {
      name: 'University Hospitals of Leicester NHS Trust',
      kind: 'health-provider',
      leadName: 'Named Nurse Safeguarding Children',
      leadEmail: 'safeguarding.children@uhl.example.org',
    },
    {
      name: 'Leicestershire Partnership NHS Trust',
      kind: 'health-provider',
      leadName: 'Dr Aisha Rahman',
      leadEmail: 'safeguarding@lpt.example.org',
    },
    {
      name: 'LLR Integrated Care Board',
      kind: 'health-commissioner',
      leadName: 'Designated Nurse Safeguarding Children',
      leadEmail: 'designated.nurse@llr-icb.example.org',
    },
    {
      name: 'Leicester City Council Education Safeguarding',
      kind: 'education',
      leadName: 'Tom Whitfield',
      leadEmail: 'education.safeguarding@leicester-city.example.org',
    },
  ],
  'leicestershire-rutland': [
    {
      name: 'Leicestershire Police',
      kind: 'police',
      leadName: 'DS Rachel Hughes',
      leadEmail: 'county.safeguarding@leicestershire-police.example.org',
      strategicLeadName: 'Det Supt Helen Marsh',
      strategicLeadEmail: 'strategic.safeguarding@leicestershire-police.example.org',
    },
    {
      name: 'Leicestershire County Council Children and Family Services',
      kind: 'childrens-social-care',
      leadName: 'Mark Ellison',
      leadEmail: 'cfs.safeguarding@leics-county.example.org',
      deputyEmail: 'cfs.deputy@leics-county.example.org',
    },
    {
      name: "Rutland County Council Children's Services",
      kind: 'childrens-social-care',
      leadName: 'Joanna Price',
      leadEmail: 'childrens.safeguarding@rutland.example.org',
    },
    {
      name: 'East Midlands Ambulance Service',
      kind: 'ambulance',
      leadName: 'Safeguarding Team Lead',
      leadEmail: 'safeguarding@emas.example.org',
    },
    {
      name: 'Derbyshire, Leicestershire, Nottinghamshire and Rutland Probation',
      kind: 'probation',
      leadName: 'Colin Barrett',
      leadEmail: 'safeguarding@probation.example.org',
    },
  ],
};
