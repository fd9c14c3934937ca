// A small element builder for the map's cards: el('p', { class: 'x', onclick: fn }, 'text', child).
// Text goes in as text nodes (never as HTML), so names and notes from the server need no escaping.

/** An element with attributes (`class`, `dataset`, `on<event>` handlers, others as attributes) and children. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false).map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : c)));
  return node;
}

/** Replaces `node`'s children with `children`, leaving out null and false (never the text "null"). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c != null && c !== false));
  return node;
}
