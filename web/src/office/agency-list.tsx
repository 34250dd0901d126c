import {
  Loading,
  PageHeading,
  ProblemPage,
  problemTitle,
  SuccessBanner,
  useFlash,
  usePageTitle,
} from '../components/page';
import { staffApi } from '../lib/api';
import { kindLabel } from '../lib/labels';
import type { Agency } from '../lib/types';
import { useResource } from '../lib/use-resource';

/** The partnership's directory: each agency's single point of contact (§8.2.2) and escalation contact. */
export function AgencyList() {
  const flash = useFlash();
  const { data, error } = useResource(() => staffApi.get<{ agencies: Agency[] }>('/agencies'), []);
  usePageTitle(error ? problemTitle(error) : 'Agencies');
  if (error) return <ProblemPage error={error} />;
  return (
    <>
      <SuccessBanner message={flash} />
      <PageHeading>Agencies</PageHeading>
      <p class="govuk-body">
        Requests go to each agency's safeguarding lead, and to the deputy if there is one. The strategic lead is
        contacted when a return is seriously overdue.
      </p>
      <a href="/agencies/new" role="button" class="govuk-button" data-module="govuk-button">
        Add an agency
      </a>
      {!data ? (
        <Loading what="agencies" />
      ) : (
        <div class="app-table-wrap">
          <table class="govuk-table" id="agencies">
            <caption class="govuk-table__caption govuk-table__caption--m">
              {data.agencies.length} {data.agencies.length === 1 ? 'agency' : 'agencies'}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Agency
                </th>
                <th scope="col" class="govuk-table__header">
                  Safeguarding lead
                </th>
                <th scope="col" class="govuk-table__header">
                  Deputy
                </th>
                <th scope="col" class="govuk-table__header">
                  Strategic lead
                </th>
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {[...data.agencies]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((agency) => (
                  <tr class="govuk-table__row" key={agency.id}>
                    <th scope="row" class="govuk-table__header">
                      {agency.name}
                      <br />
                      <span class="govuk-body-s">{kindLabel(agency.kind)}</span>
                    </th>
                    <td class="govuk-table__cell">
                      {agency.leadName}
                      <br />
                      <span class="govuk-body-s">{agency.leadEmail}</span>
                    </td>
                    <td class="govuk-table__cell">{agency.deputyEmail ?? '–'}</td>
                    <td class="govuk-table__cell">
                      {agency.strategicLeadName ?? '–'}
                      {agency.strategicLeadEmail && (
                        <>
                          <br />
                          <span class="govuk-body-s">{agency.strategicLeadEmail}</span>
                        </>
                      )}
                    </td>
                    <td class="govuk-table__cell">
                      <a class="govuk-link" href={`/agencies/${agency.id}/edit`}>
                        Change<span class="govuk-visually-hidden"> {agency.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
