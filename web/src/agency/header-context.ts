import { createContext } from 'preact';

/** Lets a page name the agency and partnership in the header once the code has been verified. */
export const HeaderContext = createContext<(who: string | undefined) => void>(() => undefined);
