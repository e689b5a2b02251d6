// Autosave: the notebook lives in localStorage so a reload or a crashed tab loses nothing.

import { fromIpynb, toIpynb } from './notebook.js';

const NOTEBOOK_KEY = 'tapelab.notebook';
const SESSION_KEY = 'tapelab.session';

/** The notebook saved by the last visit, or null. */
export function loadSaved() {
  let raw;
  try {
    raw = localStorage.getItem(NOTEBOOK_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw);
    return fromIpynb(saved.notebook, typeof saved.name === 'string' ? saved.name : 'Untitled');
  } catch {
    return null;
  }
}

/**
 * Saves the notebook now. When the browser's quota refuses it (huge outputs),
 * saves it without outputs rather than not at all.
 * @returns {'saved'|'saved-without-outputs'|'failed'}
 */
export function saveNow(notebook) {
  const write = (document) => localStorage.setItem(NOTEBOOK_KEY, JSON.stringify({ name: notebook.name, notebook: document }));
  const document = toIpynb(notebook);
  try {
    write(document);
    return 'saved';
  } catch {
    for (const cell of document.cells) {
      if (cell.cell_type === 'code') cell.outputs = [];
    }
    try {
      write(document);
      return 'saved-without-outputs';
    } catch {
      return 'failed';
    }
  }
}

/** The id of this tab's kernel session, kept across reloads of the tab. */
export function savedSessionId() {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}

export function rememberSessionId(id) {
  try {
    if (id) sessionStorage.setItem(SESSION_KEY, id);
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Without sessionStorage a reload simply starts a new session.
  }
}
