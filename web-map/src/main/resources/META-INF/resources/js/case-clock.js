// A case's colour class, the one rule every page draws it by (the map's markers, the case card and
// list, the inbox's clock): red / yellow when urged or overdue, else by its status. No Leaflet here,
// so pages without a map can use it.

export const OPEN_STATUSES = new Set(['REPORTED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'HANDLED']);
export const CASE_COLOURS = Object.freeze({
  new: '#1f6fd1', working: '#2e9d55', verify: '#7b52c7', yellow: '#f2b705', red: '#d62828', finished: '#8a939c',
});

/** The colour class of a case: red / yellow when urged or overdue, else by its status. */
export function caseColour(c) {
  if (!OPEN_STATUSES.has(c.status)) {
    return 'finished';
  }
  if (c.overdue || c.urgeLevel >= 2) {
    return 'red';
  }
  if (c.urgeLevel === 1) {
    return 'yellow';
  }
  if (c.status === 'REPORTED') {
    return 'new';
  }
  return c.status === 'HANDLED' ? 'verify' : 'working';
}
