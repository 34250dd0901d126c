import type { Practitioner } from '../../../functions/contract/returns';

/**
 * The practitioners an agency names, each with their line manager, for the review's learning workshop
 * (§8.10.1): asked in the Information Request Reply, a chronology and an Information Report alike.
 */
export interface PractitionerRow {
  name: string;
  role: string;
  team: string;
  managerName: string;
  managerRole: string;
}

/** What a page's checks need (reply.ts's Problems): kept to an interface so both forms can pass theirs. */
interface Problems {
  add(path: string, message: string): void;
  text(path: string, value: string, what: string, max: number, required?: boolean): void;
}

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export const emptyPractitioner = (): PractitionerRow => ({
  name: '',
  role: '',
  team: '',
  managerName: '',
  managerRole: '',
});

export const blankPractitioner = (p: PractitionerRow) =>
  !p.name.trim() && !p.role.trim() && !p.team.trim() && !p.managerName.trim() && !p.managerRole.trim();

export function practitionerFromContent(value: unknown): PractitionerRow {
  const p = obj(value);
  const manager = obj(p.lineManager);
  return {
    name: str(p.name),
    role: str(p.role),
    team: str(p.team),
    managerName: str(manager.name),
    managerRole: str(manager.role),
  };
}

/** Each practitioner as the API checks them; a line manager's role needs their name. */
export function checkPractitioners(p: Problems, rows: readonly PractitionerRow[]): void {
  rows.forEach((row, i) => {
    if (blankPractitioner(row)) return;
    const at = `practitioners[${i}]`;
    p.text(`${at}.name`, row.name, `the name of practitioner ${i + 1}`, 200);
    p.text(`${at}.role`, row.role, `the role of practitioner ${i + 1}`, 200);
    p.text(`${at}.team`, row.team, `the team of practitioner ${i + 1}`, 200, false);
    p.text(
      `${at}.lineManager.name`,
      row.managerName,
      `the name of the line manager of practitioner ${i + 1}`,
      200,
      !!row.managerRole.trim(),
    );
    p.text(
      `${at}.lineManager.role`,
      row.managerRole,
      `the role of the line manager of practitioner ${i + 1}`,
      200,
      false,
    );
  });
}

const opt = (value: string) => (value.trim() ? value.trim() : undefined);

/** The practitioners of a return to submit (checked first). */
export function practitionersContent(rows: readonly PractitionerRow[]): Practitioner[] {
  return rows
    .filter((row) => !blankPractitioner(row))
    .map((row) => {
      const team = opt(row.team);
      const managerName = opt(row.managerName);
      const managerRole = opt(row.managerRole);
      return {
        name: row.name.trim(),
        role: row.role.trim(),
        ...(team ? { team } : {}),
        ...(managerName ? { lineManager: { name: managerName, ...(managerRole ? { role: managerRole } : {}) } } : {}),
      };
    });
}

/** Whatever has been typed of each practitioner, as a draft keeps it. */
export function practitionersDraft(rows: readonly PractitionerRow[]): Loose[] {
  return rows
    .filter((row) => !blankPractitioner(row))
    .map((row) => {
      const draft: Loose = {};
      if (row.name.trim()) draft.name = row.name;
      if (row.role.trim()) draft.role = row.role;
      if (row.team.trim()) draft.team = row.team;
      const manager: Loose = {};
      if (row.managerName.trim()) manager.name = row.managerName;
      if (row.managerRole.trim()) manager.role = row.managerRole;
      if (Object.keys(manager).length) draft.lineManager = manager;
      return draft;
    });
}

/** "Sam Jones, Social worker, Locality 2; line manager Pat Lee (Team manager)". */
export function practitionerText(p: PractitionerRow): string {
  const manager = p.managerName.trim()
    ? `; line manager ${p.managerName}${p.managerRole.trim() ? ` (${p.managerRole})` : ''}`
    : '';
  return `${p.name}, ${p.role}${p.team.trim() ? `, ${p.team}` : ''}${manager}`;
}
