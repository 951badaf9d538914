// Erasure on the staff screens (issue 11, Art. 17 DSGVO): POST /staff/partners/:id/erase and
// /staff/people/:id/erase, shared by the staff screens and the server (docs/api.md, "Erasure").
// Irreversible, so the request repeats the name as shown: a stale screen or a wrong id cannot
// erase someone else. The answer counts what was emptied, deleted or unlinked, per table.
import * as v from 'valibot';

/** The name typed to confirm; compared trimmed, NFC, ignoring upper and lower case. */
export const eraseRequestSchema = v.object({ name: v.pipe(v.string(), v.maxLength(200)) });
export type EraseRequest = v.InferOutput<typeof eraseRequestSchema>;

const serverText = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const eraseResponseSchema = v.object({
  subject: v.object({ type: v.picklist(['partner', 'person']), id: serverText(64) }),
  erasedAt: serverText(32),
  /** Rows touched per table. */
  counts: v.record(serverText(64), v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type EraseResponse = v.InferOutput<typeof eraseResponseSchema>;

/** Whether `typed` confirms `name` (both as people type and see them). */
export function confirmsName(typed: string, name: string): boolean {
  const norm = (text: string) => text.trim().normalize('NFC').toLocaleLowerCase('de');
  return norm(name) !== '' && norm(typed) === norm(name);
}
