export { archiveRoutes } from './archive.routes.ts';
export { createArchiveRequest, listArchiveRequests, approveArchiveRequest, rejectArchiveRequest, revokeArchiveRequest, viewArchiveDossier } from './archive.service.ts';
export { ARCHIVE_TRANSITIONS } from './archive.policy.ts';
