import type { Connection } from 'mongoose';
import { publishingRepository } from './repository';
import { publishingService, type PublishingDeps } from './service';

export type { PublicationNotifier, RevisionNotice, NoticeRecipient } from './notifier';
export { noopNotifier } from './notifier';
export { documentBody, documentFile, documentPeriod, type DocumentFormat } from './addresses';
export { compareQuery, publishInput, type CompareQuery, type PublishInput } from './schemas';

/** Wires the publishing component on a connection (registers its models). */
export function publishingComponent(conn: Connection, deps: Omit<PublishingDeps, 'repo'>) {
  const repo = publishingRepository(conn);
  return { repo, service: publishingService({ ...deps, repo }) };
}
