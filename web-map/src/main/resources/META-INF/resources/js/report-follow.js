// The citizen's follow page (/report/follow.html?receipt=…): the case's status in plain words, its
// number, kind and times (no personal data), and once it is closed a 1–5 rating form (sent once).
// State for tests: <html data-ready> once shown, data-status the case's status.
import { applyTranslations, currentLanguage, formatDateTime, onLanguageChange, setLanguage, t } from './i18n.js';
import './report-i18n.js';
import { getJson, postJson } from './citizen-api.js';

const $ = (id) => document.getElementById(id);
const root = document.documentElement;
const receipt = new URLSearchParams(window.location.search).get('receipt');
let view = null;

function error(box, message) {
  box.textContent = message;
  box.hidden = false;
}

function render() {
  if (!view) return;
  $('case').hidden = false;
  $('status-text').textContent = t(`citizenStatus.${view.status}`);
  $('status-text').dataset.status = view.status;
  $('case-number').textContent = view.number;
  $('case-category').textContent = view.category?.name ?? '–';
  $('case-reported').textContent = formatDateTime(view.reportedAt);
  $('case-due').textContent = formatDateTime(view.dueAt);
  $('case-closed').textContent = formatDateTime(view.closedAt);
  $('rating-form').hidden = !view.rateable;
  $('rated').hidden = !view.rating;
  if (view.rating) {
    $('rated-text').textContent = t('rating.given', {
      satisfaction: view.rating.satisfaction,
      comment: view.rating.comment ? `：${view.rating.comment}` : '',
    });
  }
  root.dataset.status = view.status;
}

$('rating-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const box = $('rating-error');
  box.hidden = true;
  const chosen = event.target.querySelector('input[name=satisfaction]:checked');
  if (!chosen) {
    error(box, t('rating.choose'));
    return;
  }
  const comment = $('comment').value.trim();
  const button = $('rate');
  button.disabled = true;
  try {
    view = await postJson(`/api/receipts/${encodeURIComponent(receipt)}/rating`, {
      satisfaction: Number(chosen.value),
      ...(comment ? { comment } : {}),
    });
    render();
  } catch (problem) {
    error(box, problem.message);
    if (problem.status === 409) {
      view = await getJson(`/api/receipts/${encodeURIComponent(receipt)}`).catch(() => view);
      render();
    }
  } finally {
    button.disabled = false;
  }
});

$('lang-toggle').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
onLanguageChange(render);
applyTranslations(document);
if (!receipt) {
  error($('follow-error'), t('follow.noReceipt'));
} else {
  try {
    view = await getJson(`/api/receipts/${encodeURIComponent(receipt)}`);
    render();
  } catch (problem) {
    error($('follow-error'), problem.status === 404 ? t('follow.notFound') : problem.message);
  }
}
root.dataset.ready = 'true';
