// A small Markdown renderer that builds DOM nodes directly.
//
// It never parses HTML: every piece of the source ends up in a text node, so
// markup typed into a cell (`<script>`, `<img onerror=…>`) shows as the text
// it is. It covers what notebooks use: ATX headings, paragraphs with hard
// breaks, bullet and numbered lists (nested by indentation), block quotes,
// fenced and indented code, rules, and inline code, emphasis, strong, links
// and autolinks. Links keep only http(s), mailto and relative targets; images
// become links to their source, so rendering fetches nothing.

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^`]*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
const INDENTED = /^(?: {4}|\t)(.*)$/;
const BLANK = /^[ \t]*$/;

/**
 * Renders Markdown source into a document fragment.
 * @param {string} source
 * @returns {DocumentFragment}
 */
export function renderMarkdown(source) {
  const fragment = document.createDocumentFragment();
  const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
  for (const node of parseBlocks(lines)) fragment.append(node);
  return fragment;
}

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line);
}

function parseBlocks(lines) {
  const nodes = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (BLANK.test(line)) {
      i += 1;
      continue;
    }
    let match;
    if ((match = FENCE.exec(line))) {
      const fence = match[1];
      const language = match[2].trim().split(/\s+/)[0];
      const body = [];
      i += 1;
      while (i < lines.length && !isClosingFence(lines[i], fence)) {
        body.push(lines[i]);
        i += 1;
      }
      i += 1;
      nodes.push(codeBlock(body.join('\n'), language));
      continue;
    }
    if ((match = HEADING.exec(line))) {
      const level = match[1].length;
      nodes.push(el(`h${level}`, {}, parseInline(match[2] || '')));
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      nodes.push(el('hr'));
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner = [];
      while (i < lines.length && !BLANK.test(lines[i])) {
        const quoted = QUOTE.exec(lines[i]);
        inner.push(quoted ? quoted[1] : lines[i]);
        i += 1;
      }
      nodes.push(el('blockquote', {}, parseBlocks(inner)));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const [list, next] = parseList(lines, i);
      nodes.push(list);
      i = next;
      continue;
    }
    if ((match = INDENTED.exec(line))) {
      const body = [];
      while (i < lines.length && (INDENTED.test(lines[i]) || BLANK.test(lines[i]))) {
        const indented = INDENTED.exec(lines[i]);
        body.push(indented ? indented[1] : '');
        i += 1;
      }
      while (body.length && body[body.length - 1] === '') body.pop();
      nodes.push(codeBlock(body.join('\n'), ''));
      continue;
    }
    const paragraph = [];
    while (i < lines.length && !BLANK.test(lines[i]) && (paragraph.length === 0 || !startsBlock(lines[i]))) {
      paragraph.push(lines[i]);
      i += 1;
    }
    nodes.push(el('p', {}, paragraphInline(paragraph)));
  }
  return nodes;
}

function isClosingFence(line, fence) {
  const trimmed = line.replace(/^ {0,3}/, '').replace(/[ \t]+$/, '');
  return trimmed.length >= fence.length && trimmed === fence[0].repeat(trimmed.length);
}

function codeBlock(text, language) {
  const code = el('code', language ? { 'data-language': language } : {}, [text]);
  return el('pre', { class: 'md-code' }, [code]);
}

/** Joins a paragraph's lines: two trailing spaces or a trailing backslash make a line break. */
function paragraphInline(lines) {
  const nodes = [];
  lines.forEach((raw, index) => {
    const last = index === lines.length - 1;
    const line = raw.replace(/^[ \t]+/, '');
    const hardBreak = !last && (/ {2,}$/.test(line) || /\\$/.test(line));
    const text = hardBreak ? line.replace(/(?: {2,}|\\)$/, '') : line.replace(/[ \t]+$/, '');
    nodes.push(...parseInline(text));
    if (!last) nodes.push(hardBreak ? el('br') : '\n');
  });
  return nodes;
}

function parseList(lines, start) {
  const first = LIST_ITEM.exec(lines[start]);
  const ordered = /\d/.test(first[2]);
  const marker = first[2].slice(-1);
  const attributes = {};
  if (ordered) {
    const number = parseInt(first[2], 10);
    if (number !== 1) attributes.start = String(number);
  }
  const list = el(ordered ? 'ol' : 'ul', attributes);
  let i = start;
  let loose = false;
  const items = [];
  while (i < lines.length) {
    const match = LIST_ITEM.exec(lines[i]);
    if (!match || /\d/.test(match[2]) !== ordered || match[2].slice(-1) !== marker) break;
    const contentIndent = match[1].length + match[2].length + (match[3] ? Math.min(match[3].length - (match[4] || '').length, 4) : 1);
    const body = [match[4] || ''];
    i += 1;
    while (i < lines.length) {
      const line = lines[i];
      if (BLANK.test(line)) {
        const next = lines[i + 1];
        if (next !== undefined && leadingSpaces(next) >= contentIndent && !BLANK.test(next)) {
          body.push('');
          loose = true;
          i += 1;
          continue;
        }
        break;
      }
      if (leadingSpaces(line) >= contentIndent) {
        body.push(line.slice(contentIndent));
      } else if (!startsBlock(line) && !BLANK.test(body[body.length - 1])) {
        body.push(line.trimStart());
      } else {
        break;
      }
      i += 1;
    }
    items.push(body);
    if (i < lines.length && BLANK.test(lines[i])) {
      const next = lines[i + 1];
      const sibling = next !== undefined ? LIST_ITEM.exec(next) : null;
      if (sibling && /\d/.test(sibling[2]) === ordered && sibling[2].slice(-1) === marker) {
        loose = true;
        i += 1;
      }
    }
  }
  for (const body of items) {
    const blocks = parseBlocks(body);
    const children = [];
    for (const block of blocks) {
      if (!loose && block.tagName === 'P') children.push(...block.childNodes);
      else children.push(block);
    }
    list.append(el('li', {}, children));
  }
  return [list, i];
}

function leadingSpaces(line) {
  let count = 0;
  for (const ch of line) {
    if (ch === ' ') count += 1;
    else if (ch === '\t') count += 4 - (count % 4);
    else break;
  }
  return count;
}

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Parses inline Markdown into DOM nodes and strings.
 * @param {string} text
 * @returns {(Node|string)[]}
 */
export function parseInline(text) {
  const nodes = [];
  let buffer = '';
  const flush = () => {
    if (buffer) nodes.push(buffer);
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (ch === '`') {
      const span = codeSpan(text, i);
      if (span) {
        flush();
        nodes.push(el('code', {}, [span.text]));
        i = span.end;
        continue;
      }
      const run = text.slice(i).match(/^`+/)[0];
      buffer += run;
      i += run.length;
      continue;
    }
    if (ch === '!' && text[i + 1] === '[') {
      const link = linkAt(text, i + 1);
      if (link) {
        flush();
        const alt = link.label || link.url;
        nodes.push(safeUrl(link.url) ? anchor(link.url, link.title, [`[image: ${alt}]`]) : `[image: ${alt}]`);
        i = link.end;
        continue;
      }
    }
    if (ch === '[') {
      const link = linkAt(text, i);
      if (link) {
        flush();
        const label = parseInline(link.label);
        nodes.push(safeUrl(link.url) ? anchor(link.url, link.title, label) : el('span', {}, label));
        i = link.end;
        continue;
      }
    }
    if (ch === '<') {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(text.slice(i));
      if (auto) {
        flush();
        nodes.push(anchor(auto[1], '', [auto[1]]));
        i += auto[0].length;
        continue;
      }
    }
    if (ch === '*' || ch === '_') {
      const emphasis = emphasisAt(text, i);
      if (emphasis) {
        flush();
        nodes.push(el(emphasis.strong ? 'strong' : 'em', {}, parseInline(emphasis.inner)));
        i = emphasis.end;
        continue;
      }
      const run = text.slice(i).match(ch === '*' ? /^\*+/ : /^_+/)[0];
      buffer += run;
      i += run.length;
      continue;
    }
    buffer += ch;
    i += 1;
  }
  flush();
  return nodes;
}

function codeSpan(text, start) {
  const run = text.slice(start).match(/^`+/)[0];
  let search = start + run.length;
  for (;;) {
    const found = text.indexOf(run, search);
    if (found < 0) return null;
    const after = found + run.length;
    if (text[after] === '`' || text[found - 1] === '`') {
      search = after;
      while (text[search] === '`') search += 1;
      continue;
    }
    let content = text.slice(start + run.length, found);
    if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
      content = content.slice(1, -1);
    }
    return { text: content, end: after };
  }
}

function linkAt(text, start) {
  let depth = 0;
  let close = -1;
  for (let j = start; j < text.length; j += 1) {
    const c = text[j];
    if (c === '\\') {
      j += 1;
    } else if (c === '`') {
      const span = codeSpan(text, j);
      if (span) j = span.end - 1;
    } else if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth -= 1;
      if (depth === 0) {
        close = j;
        break;
      }
    }
  }
  if (close < 0 || text[close + 1] !== '(') return null;
  const rest = text.slice(close + 2);
  const target = /^[ \t]*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:[ \t]+("[^"]*"|'[^']*'))?[ \t]*\)/.exec(rest);
  if (!target) return null;
  let url = target[1];
  if (url.startsWith('<')) url = url.slice(1, -1);
  const title = target[2] ? target[2].slice(1, -1) : '';
  return { label: text.slice(start + 1, close), url, title, end: close + 2 + target[0].length };
}

function emphasisAt(text, start) {
  const ch = text[start];
  const run = text.slice(start).match(ch === '*' ? /^\*+/ : /^_+/)[0].length;
  const before = start > 0 ? text[start - 1] : ' ';
  if (ch === '_' && /[\p{L}\p{N}]/u.test(before)) return null;
  for (const size of run >= 2 ? [2, 1] : [1]) {
    const delimiter = ch.repeat(size);
    const innerStart = start + size;
    if (innerStart >= text.length || /\s/.test(text[innerStart])) continue;
    let search = innerStart + 1;
    while (search <= text.length) {
      let found = text.indexOf(delimiter, search);
      if (found < 0) break;
      if (size === 2) {
        // `***x***` closes its strong with the last two of the run, leaving `*x*` inside.
        let runEnd = found;
        while (text[runEnd] === ch) runEnd += 1;
        found = runEnd - size;
      }
      const inner = text.slice(innerStart, found);
      const after = text[found + size] || ' ';
      const closes =
        !/\s/.test(text[found - 1]) &&
        (size === 2 || text[found + 1] !== ch || text[found + 2] === ch) &&
        (ch === '*' || !/[\p{L}\p{N}]/u.test(after));
      if (closes && inner.length > 0 && balancedCode(inner)) {
        return { strong: size === 2, inner, end: found + size };
      }
      search = found + 1;
    }
  }
  return null;
}

/** Whether `text` has no code span left open, so emphasis never closes inside one. */
function balancedCode(text) {
  let i = 0;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text[i] === '`') {
      const span = codeSpan(text, i);
      if (!span) return false;
      i = span.end;
      continue;
    }
    i += 1;
  }
  return true;
}

/**
 * Whether a link target is safe to follow: http, https, mailto, or a relative
 * reference. `javascript:`, `data:` and every other scheme are refused.
 */
export function safeUrl(url) {
  const trimmed = url.trim();
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  if (!scheme) return !/^[\s\u0000-\u001f]/.test(url) && !/[\u0000-\u001f]/.test(trimmed);
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase());
}

function anchor(url, title, children) {
  const attributes = { href: url.trim(), rel: 'noopener noreferrer', target: '_blank' };
  if (title) attributes.title = title;
  return el('a', attributes, children);
}
