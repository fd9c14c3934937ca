// The responsibility list (权责清单) as every report form and filter picks from it: GET
// /api/categories gives classes → subclasses → items, each item with its routing facts and extra
// questions. This module holds the one search over that tree (by name, English name or code),
// the names in the page's language, the desk's browsable tree with search, and the extra
// questions' inputs (yes/no, number, text, choice) with their check before sending.
import { addMessages, currentLanguage, t } from './i18n.js';
import { el } from './dom.js';

addMessages({
  zh: {
    'picker.none': '没有名称或编码含“{q}”的事项。',
    'picker.count': '{count} 个事项',
    'picker.yes': '是',
    'picker.no': '否',
    'picker.unknown': '不清楚',
    'picker.choose': '（请选择）',
    'picker.required': '必答',
    'picker.alarm': '报警事项',
    'picker.err.required': '请回答：{question}',
    'picker.err.number': '“{question}”请填 0 到 1000000 之间的数字。',
  },
  en: {
    'picker.none': 'No item name or code contains “{q}”.',
    'picker.count': '{count} items',
    'picker.yes': 'Yes',
    'picker.no': 'No',
    'picker.unknown': 'Not known',
    'picker.choose': '(choose)',
    'picker.required': 'required',
    'picker.alarm': 'alarm item',
    'picker.err.required': 'Please answer: {question}',
    'picker.err.number': '“{question}”: enter a number from 0 to 1000000.',
  },
});

/** A node's name in the page's language (English when the page is English and one is given). */
export const nodeName = (node) => (currentLanguage() === 'en' && node?.nameEn ? node.nameEn : node?.name ?? '');

/** A question's text in the page's language. */
export const questionText = (q) => (currentLanguage() === 'en' && q.textEn ? q.textEn : q.text);

/**
 * Every item of the tree with its class and subclass ({ ...item, cls, sub }), in code order. Reads
 * the three levels; a class without subclasses (an older server) gives its `minors`.
 */
export function listItems(tree) {
  const items = [];
  for (const cls of tree ?? []) {
    if (cls.subclasses?.length) {
      for (const sub of cls.subclasses) for (const item of sub.items ?? []) items.push({ ...item, cls, sub });
    } else {
      for (const item of cls.minors ?? []) items.push({ ...item, cls, sub: null });
    }
  }
  return items;
}

/** Items whose name (either language), class or subclass name, or code matches the query. */
export function searchItems(items, query) {
  const q = query.trim().toLowerCase();
  if (!q) return items;
  const has = (text) => (text ?? '').toLowerCase().includes(q);
  return items.filter((i) => i.code.startsWith(q) || has(i.name) || has(i.nameEn)
    || has(i.sub?.name) || has(i.sub?.nameEn) || has(i.cls.name) || has(i.cls.nameEn));
}

/** "class › subclass › item" in the page's language. */
export const itemPath = (item) => [item.cls, item.sub, item].filter(Boolean).map(nodeName).join(' › ');

/**
 * The desk's tree with search (intake desk): without a query, classes and subclasses fold open
 * (<details>); with one, the matching items under their class › subclass. Items are
 * button.minor[data-code] (role treeitem, aria-selected). Returns { draw(selectedCode) }.
 */
export function mountTree(box, input, items, onPick) {
  let selected = null;
  const itemButton = (item) => el('button', {
    type: 'button', class: 'minor', role: 'treeitem', dataset: { code: item.code },
    'aria-selected': String(selected === item.code), title: item.code,
    onclick: () => { selected = item.code; onPick(item); draw(); },
  }, nodeName(item), item.raisesAlarm ? el('span', { class: 'alarm-flag', title: t('picker.alarm') }, ' ⚠') : null);
  function draw() {
    const q = input.value.trim();
    if (q) {
      const found = searchItems(items, q);
      if (!found.length) {
        box.replaceChildren(el('p', { class: 'none' }, t('picker.none', { q })));
        return;
      }
      const groups = new Map();
      for (const item of found) {
        const key = item.sub?.code ?? item.cls.code;
        if (!groups.has(key)) groups.set(key, { head: [item.cls, item.sub].filter(Boolean).map(nodeName).join(' › '), items: [] });
        groups.get(key).items.push(item);
      }
      box.replaceChildren(...[...groups.values()].map((g) => el('div', { class: 'major', role: 'group', 'aria-label': g.head },
        el('div', { class: 'major-name' }, g.head), g.items.map(itemButton))));
      return;
    }
    const classes = new Map();
    for (const item of items) {
      if (!classes.has(item.cls.code)) classes.set(item.cls.code, { cls: item.cls, subs: new Map() });
      const subs = classes.get(item.cls.code).subs;
      const key = item.sub?.code ?? item.cls.code;
      if (!subs.has(key)) subs.set(key, { sub: item.sub, items: [] });
      subs.get(key).items.push(item);
    }
    box.replaceChildren(...[...classes.values()].map(({ cls, subs }) => {
      const open = selected?.startsWith(cls.code);
      return el('details', { class: 'cls', dataset: { code: cls.code }, open },
        el('summary', {}, `${nodeName(cls)}`),
        [...subs.values()].map(({ sub, items: subItems }) => (sub
          ? el('details', { class: 'sub', dataset: { code: sub.code }, open: selected?.startsWith(sub.code) },
            el('summary', {}, nodeName(sub)), subItems.map(itemButton))
          : subItems.map(itemButton))));
    }));
  }
  input.addEventListener('input', draw);
  return {
    draw,
    select(code) { selected = code; draw(); },
  };
}

/**
 * The extra questions of an item as inputs in `box` (emptied first; hidden when the item asks
 * none). Each input is [data-question=code]; a required one is marked. Returns { read() } giving
 * { answers, problems }: answers keyed by question code (unanswered left out; null when none),
 * problems [[code, message]] for required questions left empty and numbers out of range.
 */
export function mountQuestions(box, item, { idPrefix = 'q' } = {}) {
  const questions = item?.questions ?? [];
  box.hidden = questions.length === 0;
  const inputs = questions.map((q) => {
    const id = `${idPrefix}-${q.code}`;
    let input;
    if (q.type === 'YES_NO' || q.type === 'CHOICE') {
      const options = q.type === 'YES_NO'
        ? [['true', t('picker.yes')], ['false', t('picker.no')]]
        : q.choices.map((c) => [c, c]);
      input = el('select', { id, dataset: { question: q.code }, 'aria-required': q.required ? 'true' : null },
        el('option', { value: '' }, q.type === 'YES_NO' && !q.required ? t('picker.unknown') : t('picker.choose')),
        options.map(([value, label]) => el('option', { value }, label)));
    } else if (q.type === 'NUMBER') {
      input = el('input', { id, type: 'number', min: '0', max: '1000000', step: 'any', inputmode: 'numeric', dataset: { question: q.code }, 'aria-required': q.required ? 'true' : null });
    } else {
      input = el('input', { id, type: 'text', maxlength: '500', dataset: { question: q.code }, 'aria-required': q.required ? 'true' : null });
    }
    const label = el('label', { class: 'question', for: id },
      el('span', {}, questionText(q), q.required ? el('em', { class: 'required' }, ` (${t('picker.required')})`) : null), input,
      el('span', { class: 'field-error', dataset: { errorFor: `answers.${q.code}` }, hidden: true }));
    return { q, input, label };
  });
  box.replaceChildren(...inputs.map((i) => i.label));
  return {
    read() {
      const answers = {};
      const problems = [];
      for (const { q, input } of inputs) {
        const raw = input.value.trim();
        if (!raw) {
          if (q.required) problems.push([q.code, t('picker.err.required', { question: questionText(q) })]);
          continue;
        }
        if (q.type === 'YES_NO') answers[q.code] = raw === 'true';
        else if (q.type === 'NUMBER') {
          const n = Number(raw);
          if (!Number.isFinite(n) || n < 0 || n > 1000000) problems.push([q.code, t('picker.err.number', { question: questionText(q) })]);
          else answers[q.code] = n;
        } else answers[q.code] = raw;
      }
      return { answers: Object.keys(answers).length ? answers : null, problems };
    },
    /** Shows a message under a question's input (or clears it with null). */
    error(code, message) {
      const hit = inputs.find((i) => i.q.code === code);
      if (!hit) return false;
      const note = hit.label.querySelector('.field-error');
      note.textContent = message ?? '';
      note.hidden = !message;
      if (message) hit.input.setAttribute('aria-invalid', 'true'); else hit.input.removeAttribute('aria-invalid');
      return true;
    },
    clearErrors() { inputs.forEach(({ q }) => this.error(q.code, null)); },
    focus(code) { inputs.find((i) => i.q.code === code)?.input.focus(); },
  };
}

/**
 * Answers shown on a case card: [{ question, answer }] in the page's language, from the view's
 * `answers` ([{code, question, questionEn, type, value}]).
 */
export function answerLines(answers) {
  return (answers ?? []).map((a) => ({
    code: a.code,
    question: currentLanguage() === 'en' && a.questionEn ? a.questionEn : a.question,
    answer: a.type === 'YES_NO' ? (a.value ? t('picker.yes') : t('picker.no')) : String(a.value),
  }));
}
