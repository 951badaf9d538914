// The server's entry with this device's waiting changes on top, in seq order, the same for every
// kind: which change is an update or a delete comes from the mutation's name.
import { describe, expect, it } from 'vitest';
import { applyEntryFields, rebaseEntry } from '../../src/domain/entry-rebase';

const server = { id: 'c1', partner: 'Frau K.', note: 'alt', durationMinutes: 10, version: 5 };
const update = (fields: object, kind = 'call') => ({
  name: `${kind}.update`,
  args: { id: 'c1', baseVersion: 3, fields },
});

describe('rebaseEntry', () => {
  it.each([
    ['nothing waiting: the server’s entry', [], server],
    [
      'a waiting edit wins on its field only',
      [update({ note: 'neu' })],
      { ...server, note: 'neu' },
    ],
    [
      'later edits win over earlier ones',
      [update({ note: 'eins', durationMinutes: 3 }), update({ note: 'zwei' })],
      { ...server, note: 'zwei', durationMinutes: 3 },
    ],
    [
      'an advice edit is applied the same way',
      [update({ durationMinutes: 45 }, 'advice')],
      { ...server, durationMinutes: 45 },
    ],
    [
      'a waiting create changes nothing',
      [{ name: 'call.create', args: { ...server, note: 'x' } }],
      server,
    ],
    [
      'a row that is no entry mutation changes nothing',
      [
        { name: 'walk.track', args: { walkId: 'c1', chunk: 0, points: [] } },
        { name: 'unknown.update', args: { id: 'c1', fields: { note: 'x' } } },
      ],
      server,
    ],
    [
      'a waiting delete hides it',
      [update({ note: 'x' }), { name: 'advice.delete', args: { id: 'c1' } }],
      null,
    ],
  ])('%s', (_, pending, expected) => {
    expect(rebaseEntry(server, pending)).toEqual(expected);
  });
});

describe('applyEntryFields', () => {
  it('sets the named fields, keeps the rest, and leaves the input as it was', () => {
    const copy = { ...server };
    expect(applyEntryFields(server, { partner: 'Herr B.', note: undefined })).toEqual({
      ...server,
      partner: 'Herr B.',
    });
    expect(server).toEqual(copy);
  });
});
