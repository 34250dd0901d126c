import type { FieldError } from '../../lib/issues';
import { pageOfPath } from '../../lib/kinded';
import { useKinded } from './kinded-context';

/** Where an error on one page is fixed, if on another page (a chronology row's own form). */
export function usePageOf(current: string) {
  const { form, base } = useKinded();
  return (error: FieldError) => {
    const page = pageOfPath(form, error.path);
    return page && page !== current ? `${base}/${page}${page.startsWith('rows/') ? '' : '?from=check'}` : undefined;
  };
}
