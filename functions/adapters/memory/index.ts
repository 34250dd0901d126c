import { englandAndWalesCalendar } from '../../domain/bank-holidays';
import type { PortalDeps } from '../../domain/ports';
import { LocalMalwareScanner } from '../local-malware-scanner';
import { MemoryBucket } from './bucket';
import { MemoryMailer } from './mailer';
import { createMemoryStore, type MemoryStore } from './store';

export { MemoryBucket } from './bucket';
export { MemoryMailer } from './mailer';
export { createMemoryStore, type MemoryStore } from './store';
export { MemoryTable } from './table';

export interface MemoryPortal {
  deps: PortalDeps & { store: MemoryStore; documents: MemoryBucket; files: MemoryBucket; mailer: MemoryMailer };
  store: MemoryStore;
  bucket: MemoryBucket;
  mailer: MemoryMailer;
  setNow(at: string | Date): void;
}

/** Every port of the portal in memory, with a clock the caller moves (it starts at the real time). */
export function memoryPortal(options: { now?: string | Date } = {}): MemoryPortal {
  let now = new Date(options.now ?? Date.now());
  const store = createMemoryStore();
  const bucket = new MemoryBucket();
  const mailer = new MemoryMailer();
  return {
    deps: {
      store,
      documents: bucket,
      files: bucket,
      purger: bucket,
      mailer,
      scanner: new LocalMalwareScanner(),
      clock: { now: () => new Date(now) },
      calendar: englandAndWalesCalendar(),
      settings: { webBaseUrl: 'https://portal.example.org', mailFrom: 'no-reply@portal.example.org' },
    },
    store,
    bucket,
    mailer,
    setNow: (at) => {
      now = new Date(at);
    },
  };
}
