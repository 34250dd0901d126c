export const SERVICE_NAME = 'Safeguarding returns portal';

/**
 * "Cases – Safeguarding returns portal", with "Error: " first while the page shows errors (GOV.UK
 * pattern). A page whose own title already names the service (sign-in) does not name it twice.
 */
export function documentTitle(title: string, hasErrors = false): string {
  const full = title.toLowerCase().includes(SERVICE_NAME.toLowerCase()) ? title : `${title} – ${SERVICE_NAME}`;
  return `${hasErrors ? 'Error: ' : ''}${full}`;
}
