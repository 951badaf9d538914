// The default retention periods in days (issue 11), shared so that the server's deletion rules
// (server/retention/retention-rules.ts) and the privacy notice the app shows
// (src/views/privacy-screen.tsx) cannot say different things. The operator may change each
// period with `RETENTION_<KIND>_DAYS`; why these numbers: docs/loeschkonzept.md.
export const RETENTION_DEFAULT_DAYS = {
  notes: 183,
  entries: 730,
  history: 90,
  endedPartners: 183,
  routes: 90,
  pushLog: 90,
  audit: 730,
  readAudit: 365,
} as const;

/** A kind of data with a retention period of its own (the keys above). */
export type RetentionKind = keyof typeof RETENTION_DEFAULT_DAYS;

/** Days per kind: the periods a server deletes by, as a pull tells the device (protocol.ts). */
export type RetentionPeriods = Record<RetentionKind, number>;
