// What the pull bench page (bench/pull-page/main.ts) exposes on `window`, shared with the Node
// side (bench/pull-into-indexeddb.ts) so both agree on the shapes.

export interface PullTiming {
  /** fetchPull: request, JSON parse and schema check of the response. */
  fetchMs: number;
  /** applyPull: the app's atomic write of every reference table, the entries and the cookie. */
  applyMs: number;
  totalMs: number;
  /** Rows in the response, all tables (reference rows and entries). */
  rows: number;
  /** Of those, the device's entries, every kind (the benchmark's people log calls). */
  calls: number;
}

export interface BenchPullApi {
  /**
   * Deletes the database `name`, opens it empty, then times the app's own pull into it, as the
   * enrolled device, whose people's sessions bring their calls.
   */
  pull(name: string, device: { authorization: string; sessions: string[] }): Promise<PullTiming>;
  /**
   * Deletes the database `name`, opens it empty, then times a bare Dexie `bulkPut` of the rows
   * of the last `pull` into the same tables (reference tables and entries) in one transaction.
   * Returns milliseconds.
   */
  rawBulkPut(name: string): Promise<number>;
  /**
   * Deletes the database `name`, opens it empty, then times `runs` bare Dexie writes of what
   * saving one call writes (client seq, outbox row, entry; one transaction each). Milliseconds.
   */
  rawSaves(name: string, runs: number): Promise<number[]>;
  /**
   * Deletes the database `name`, stores `count` entries of one person, then times `runs` bare
   * reads of them through the author index. Milliseconds.
   */
  rawReads(name: string, count: number, runs: number): Promise<number[]>;
  /** Deletes the database `name` (cleanup between runs). */
  drop(name: string): Promise<void>;
}

declare global {
  interface Window {
    qbBenchPull?: BenchPullApi;
  }
}
