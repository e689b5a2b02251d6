// The notebook as the page holds it, and its nbformat v4 form (the .ipynb file).

export const CELL_TYPES = ['code', 'markdown', 'raw'];

/** A cell id as nbformat 4.5 wants it: 1–64 characters of [a-zA-Z0-9-_]. */
export function newCellId() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fresh cell of the given type. */
export function makeCell(type = 'code', source = '') {
  return { id: newCellId(), type, source, outputs: [], executionCount: null, metadata: {} };
}

/** An empty notebook with one code cell. */
export function emptyNotebook(name = 'Untitled') {
  return { name, metadata: defaultMetadata(), cells: [makeCell('code')] };
}

function defaultMetadata() {
  return {
    kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
    language_info: { name: 'python' },
  };
}

/** nbformat's multiline string: a string or a list of strings. */
function joinText(value) {
  if (Array.isArray(value)) return value.map((part) => String(part)).join('');
  if (value === undefined || value === null) return '';
  return String(value);
}

/** Splits text into lines that keep their `\n`, as Jupyter writes multiline strings. */
function splitLines(text) {
  if (text === '') return [];
  const parts = text.split('\n');
  const lines = parts.slice(0, -1).map((part) => `${part}\n`);
  if (parts[parts.length - 1] !== '') lines.push(parts[parts.length - 1]);
  return lines;
}

/** An output with its multiline strings joined, as the page keeps and shows it. */
export function normalizeOutput(output) {
  if (!output || typeof output !== 'object') return null;
  switch (output.output_type) {
    case 'stream':
      return { output_type: 'stream', name: output.name === 'stderr' ? 'stderr' : 'stdout', text: joinText(output.text) };
    case 'execute_result':
    case 'display_data': {
      const data = {};
      for (const [mime, value] of Object.entries(output.data || {})) {
        data[mime] = typeof value === 'string' || Array.isArray(value) ? joinText(value) : value;
      }
      const normalized = { output_type: output.output_type, data, metadata: output.metadata || {} };
      if (output.output_type === 'execute_result') normalized.execution_count = output.execution_count ?? null;
      return normalized;
    }
    case 'error':
      return {
        output_type: 'error',
        ename: String(output.ename ?? ''),
        evalue: String(output.evalue ?? ''),
        traceback: Array.isArray(output.traceback) ? output.traceback.map(String) : [],
      };
    default:
      return null;
  }
}

function outputToIpynb(output) {
  switch (output.output_type) {
    case 'stream':
      return { output_type: 'stream', name: output.name, text: splitLines(output.text) };
    case 'execute_result':
    case 'display_data': {
      const data = {};
      for (const [mime, value] of Object.entries(output.data)) {
        data[mime] = typeof value === 'string' && !mime.endsWith('json') ? splitLines(value) : value;
      }
      const result = { output_type: output.output_type, data, metadata: output.metadata || {} };
      if (output.output_type === 'execute_result') result.execution_count = output.execution_count ?? null;
      return result;
    }
    default:
      return { output_type: 'error', ename: output.ename, evalue: output.evalue, traceback: output.traceback };
  }
}

/** Thrown for a file that is not an nbformat 4 notebook; the message says why in plain words. */
export class NotebookFormatError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

/**
 * Reads an nbformat 4 notebook (parsed JSON).
 * @param {any} json
 * @param {string} name the name the page shows (a file name without `.ipynb`)
 */
export function fromIpynb(json, name = 'Untitled') {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new NotebookFormatError('The file is not a notebook: its JSON is not an object.');
  }
  if (json.nbformat !== 4) {
    const found = json.nbformat === undefined ? 'no nbformat field' : `nbformat ${json.nbformat}`;
    throw new NotebookFormatError(`Only nbformat 4 notebooks can be opened; this file has ${found}.`);
  }
  if (!Array.isArray(json.cells)) throw new NotebookFormatError('The notebook has no list of cells.');
  const seen = new Set();
  const cells = json.cells.map((cell, index) => {
    if (!cell || typeof cell !== 'object') throw new NotebookFormatError(`Cell ${index + 1} is not an object.`);
    const type = CELL_TYPES.includes(cell.cell_type) ? cell.cell_type : 'raw';
    let id = typeof cell.id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) ? cell.id : newCellId();
    if (seen.has(id)) id = newCellId();
    seen.add(id);
    const outputs = type === 'code' && Array.isArray(cell.outputs) ? cell.outputs.map(normalizeOutput).filter(Boolean) : [];
    const count = type === 'code' && Number.isInteger(cell.execution_count) ? cell.execution_count : null;
    const result = { id, type, source: joinText(cell.source), outputs, executionCount: count, metadata: cell.metadata || {} };
    if (cell.attachments && type !== 'code') result.attachments = cell.attachments;
    return result;
  });
  const metadata = json.metadata && typeof json.metadata === 'object' ? json.metadata : defaultMetadata();
  return { name, metadata, cells };
}

/** The notebook as an nbformat 4.5 document that Jupyter opens. */
export function toIpynb(notebook) {
  return {
    cells: notebook.cells.map((cell) => {
      const out = { id: cell.id, cell_type: cell.type, metadata: cell.metadata || {}, source: splitLines(cell.source) };
      if (cell.type === 'code') {
        out.execution_count = cell.executionCount ?? null;
        out.outputs = cell.outputs.map(outputToIpynb);
      } else if (cell.attachments) {
        out.attachments = cell.attachments;
      }
      return out;
    }),
    metadata: notebook.metadata && Object.keys(notebook.metadata).length ? notebook.metadata : defaultMetadata(),
    nbformat: 4,
    nbformat_minor: 5,
  };
}

/** A file name for the notebook: its name with characters file systems dislike replaced. */
export function fileNameFor(name) {
  const base = String(name || 'Untitled').trim().replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_') || 'Untitled';
  return base.toLowerCase().endsWith('.ipynb') ? base : `${base}.ipynb`;
}
