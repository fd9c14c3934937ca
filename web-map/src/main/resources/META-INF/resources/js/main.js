// Entry point of the grid map page: draws the current grids coloured by community.
import { createGridMap } from './grid-map.js';

const errorBox = document.getElementById('error');
const summary = document.getElementById('summary');

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

window.addEventListener('unhandledrejection', (event) => showError(String(event.reason)));

createGridMap(document.getElementById('map'), { onSummary: (text) => { summary.textContent = text; } })
  .then((gridMap) => { window.wangge = gridMap; })
  .catch((error) => showError(`网格加载失败：${error.message}`));
