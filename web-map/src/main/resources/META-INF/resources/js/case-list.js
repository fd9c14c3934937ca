// The case list beside the map: the filtered cases in the map's view, sortable by any column,
// kept in step with the map (moving the map, a filter or a live change redraws it; a row click
// opens the case).
import { t, formatDateTime, hasMessage } from './i18n.js';
import { caseColour } from './case-layer.js';

const MAX_ROWS = 200;
const COLUMNS = [
  { key: 'number', label: 'list.number', value: (c) => c.number },
  { key: 'category', label: 'list.category', value: (c) => c.categoryCode ?? '' },
  { key: 'status', label: 'list.status', value: (c) => `${5 - ['red', 'yellow', 'new', 'verify', 'working', 'finished'].indexOf(caseColour(c))}${c.status}` },
  { key: 'grid', label: 'list.grid', value: (c) => c.gridCode ?? '' },
  { key: 'reported', label: 'list.reported', value: (c) => c.reportedAt ?? '' },
];

export function createCaseList(container, { onSelect = () => {}, categoryName = (code) => code } = {}) {
  let sort = { key: 'reported', descending: true };
  let lastCases = [];
  let lastTotal = 0;
  let lastTruncated = false;
  let selectedId = null;

  const head = document.createElement('div');
  head.className = 'list-head';
  const count = document.createElement('span');
  count.className = 'list-count';
  count.id = 'case-count';
  head.append(count);
  const table = document.createElement('table');
  table.className = 'case-table';
  const thead = table.createTHead();
  const body = table.createTBody();
  container.append(head, table);

  function drawHead() {
    const row = document.createElement('tr');
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t(column.label);
      button.title = t('list.sortBy', { col: t(column.label) });
      button.dataset.sort = column.key;
      th.setAttribute('aria-sort', sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : 'none');
      button.addEventListener('click', () => {
        sort = { key: column.key, descending: sort.key === column.key ? !sort.descending : column.key === 'reported' };
        drawHead();
        draw(lastCases, lastTotal, lastTruncated);
      });
      th.append(button);
      row.append(th);
    }
    thead.replaceChildren(row);
  }

  function draw(cases, total, truncated) {
    lastCases = cases;
    lastTotal = total;
    lastTruncated = truncated;
    const column = COLUMNS.find((c) => c.key === sort.key);
    const sorted = [...cases].sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (sort.descending ? -1 : 1);
    });
    const rows = sorted.slice(0, MAX_ROWS).map((c) => {
      const tr = document.createElement('tr');
      tr.dataset.id = String(c.id);
      tr.dataset.number = c.number;
      tr.tabIndex = 0;
      if (c.id === selectedId) tr.classList.add('selected');
      const cells = [
        c.number,
        categoryName(c.categoryCode),
        hasMessage(`status.${c.status}`) ? t(`status.${c.status}`) : c.status,
        c.gridCode ?? '',
        formatDateTime(c.reportedAt),
      ];
      cells.forEach((text, i) => {
        const td = document.createElement('td');
        if (i === 2) {
          const swatch = document.createElement('span');
          swatch.className = `swatch swatch-${caseColour(c)}`;
          td.append(swatch);
        }
        if (i === 0 && c.risk === 'HIGH') {
          td.classList.add('risk-high');
        }
        td.append(text);
        tr.append(td);
      });
      const open = () => onSelect(c.id);
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') open();
      });
      return tr;
    });
    body.replaceChildren(...rows);
    count.textContent = cases.length === 0 ? t('list.empty')
      : t('list.count', { shown: Math.min(cases.length, MAX_ROWS), total: cases.length })
        + (truncated ? t('list.truncated', { limit: total }) : '');
    container.dataset.rows = String(rows.length);
    container.dataset.inView = String(cases.length);
  }

  drawHead();
  return {
    draw,
    redraw: () => { drawHead(); draw(lastCases, lastTotal, lastTruncated); },
    select(id) {
      selectedId = id;
      body.querySelectorAll('tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === String(id)));
    },
  };
}
