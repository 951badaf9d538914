// Loading a lazy chunk again after a failure (a flaky network, a deployment that replaced the
// file): the same `import()` tried after each pause, the last error thrown when they are over.
// Used by lazy screens, the start screen's live values and the sync engine (the client's start
// path; nothing of the server).

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The pauses unless a caller needs its own: a first visit on a flaky network gets 14 s. */
export const PATIENT_PAUSES_MS = [1000, 3000, 10_000];

export async function loadPatiently<T>(
  load: () => Promise<T>,
  pausesMs: readonly number[] = PATIENT_PAUSES_MS,
  pause: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      console.error('Laden fehlgeschlagen', error);
      const ms = pausesMs[attempt];
      if (ms === undefined) throw error;
      await pause(ms);
    }
  }
}
