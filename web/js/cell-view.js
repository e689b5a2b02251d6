// One cell on the page: prompt, editor (or rendered Markdown), state, outputs and its buttons.

import { renderMarkdown } from './markdown.js';
import { renderOutput } from './outputs.js';

const INDENT = '    ';

function button(label, text, className, onClick) {
  const node = document.createElement('button');
  node.type = 'button';
  node.className = className;
  node.textContent = text;
  node.setAttribute('aria-label', label);
  node.title = label;
  node.addEventListener('click', onClick);
  return node;
}

/**
 * The DOM of one cell, kept in step with its model object.
 *
 * `actions` are the notebook's handlers: run(view, mode) with mode 'advance',
 * 'stay' or 'insert'; move(view, delta); remove(view); insert(view, type);
 * changeType(view, type); focusSibling(view, delta); edited(view).
 */
export class CellView {
  constructor(cell, actions) {
    this.cell = cell;
    this.actions = actions;
    this.state = 'idle';
    this.editing = cell.type !== 'markdown' || cell.source.trim() === '';
    this.build();
  }

  build() {
    const root = document.createElement('section');
    root.className = 'cell';
    root.tabIndex = 0;
    root.dataset.cellId = this.cell.id;
    root.addEventListener('keydown', (event) => this.onCellKey(event));
    this.element = root;

    this.prompt = document.createElement('div');
    this.prompt.className = 'prompt';

    const body = document.createElement('div');
    body.className = 'cell-body';

    this.editor = document.createElement('textarea');
    this.editor.className = 'editor';
    this.editor.id = `source-${this.cell.id}`;
    this.editor.spellcheck = false;
    this.editor.autocomplete = 'off';
    this.editor.setAttribute('autocapitalize', 'off');
    this.editor.setAttribute('autocorrect', 'off');
    this.editor.rows = 1;
    this.editor.wrap = 'off';
    this.editor.value = this.cell.source;
    this.editor.addEventListener('input', () => {
      this.cell.source = this.editor.value;
      this.fit();
      this.actions.edited(this);
    });
    this.editor.addEventListener('keydown', (event) => this.onEditorKey(event));

    this.editorLabel = document.createElement('label');
    this.editorLabel.className = 'visually-hidden';
    this.editorLabel.htmlFor = this.editor.id;

    this.rendered = document.createElement('div');
    this.rendered.className = 'markdown-rendered';
    this.rendered.addEventListener('dblclick', () => this.edit());

    this.status = document.createElement('p');
    this.status.className = 'cell-status';
    this.status.setAttribute('aria-live', 'polite');

    this.note = document.createElement('p');
    this.note.className = 'cell-note';
    this.note.setAttribute('role', 'alert');
    this.note.hidden = true;

    this.outputArea = document.createElement('div');
    this.outputArea.className = 'outputs';

    body.append(this.editorLabel, this.editor, this.rendered, this.status, this.note);

    this.tools = document.createElement('div');
    this.tools.className = 'cell-tools';
    this.tools.setAttribute('role', 'group');
    this.runButton = button('Run cell', '▶', 'tool run', () => this.actions.run(this, 'stay'));
    this.upButton = button('Move cell up', '↑', 'tool', () => this.actions.move(this, -1));
    this.downButton = button('Move cell down', '↓', 'tool', () => this.actions.move(this, 1));
    this.insertButton = button('Insert a code cell below', '+', 'tool', () => this.actions.insert(this, 'code'));
    this.deleteButton = button('Delete cell', '✕', 'tool delete', () => this.actions.remove(this));
    this.typeSelect = document.createElement('select');
    this.typeSelect.className = 'tool type';
    for (const type of ['code', 'markdown', 'raw']) {
      const option = document.createElement('option');
      option.value = type;
      option.textContent = type === 'code' ? 'Code' : type === 'markdown' ? 'Markdown' : 'Raw';
      this.typeSelect.append(option);
    }
    this.typeSelect.addEventListener('change', () => this.actions.changeType(this, this.typeSelect.value));
    this.tools.append(this.runButton, this.typeSelect, this.upButton, this.downButton, this.insertButton, this.deleteButton);

    root.append(this.prompt, body, this.tools, this.outputArea);
    this.refresh();
  }

  /** Brings the whole cell in line with its model (type, source, count, outputs). */
  refresh() {
    const { cell } = this;
    this.element.dataset.cellType = cell.type;
    this.typeSelect.value = cell.type;
    if (this.editor.value !== cell.source) this.editor.value = cell.source;
    this.renderMode();
    this.renderPrompt();
    this.renderOutputs();
  }

  /** Sets the cell's position for its labels (1-based) and how many cells there are. */
  setIndex(index, count) {
    this.index = index;
    const kind = this.cell.type === 'code' ? 'Code' : this.cell.type === 'markdown' ? 'Markdown' : 'Raw';
    this.element.setAttribute('aria-label', `${kind} cell ${index}`);
    this.editorLabel.textContent = `${kind} of cell ${index}`;
    this.outputArea.setAttribute('aria-label', `Outputs of cell ${index}`);
    this.tools.setAttribute('aria-label', `Cell ${index} actions`);
    this.runButton.setAttribute('aria-label', `Run cell ${index}`);
    this.upButton.setAttribute('aria-label', `Move cell ${index} up`);
    this.downButton.setAttribute('aria-label', `Move cell ${index} down`);
    this.insertButton.setAttribute('aria-label', `Insert a code cell below cell ${index}`);
    this.deleteButton.setAttribute('aria-label', `Delete cell ${index}`);
    this.typeSelect.setAttribute('aria-label', `Type of cell ${index}`);
    this.upButton.disabled = index === 1;
    this.downButton.disabled = index === count;
  }

  renderMode() {
    const markdown = this.cell.type === 'markdown';
    const showEditor = !markdown || this.editing;
    this.editor.hidden = !showEditor;
    this.rendered.hidden = showEditor;
    this.editor.classList.toggle('editor-code', this.cell.type === 'code');
    if (!showEditor) {
      this.rendered.replaceChildren(renderMarkdown(this.cell.source));
    }
    this.fit();
  }

  renderPrompt() {
    if (this.cell.type !== 'code') {
      this.prompt.textContent = '';
      return;
    }
    const busy = this.state === 'queued' || this.state === 'running';
    const count = busy ? '*' : this.cell.executionCount ?? ' ';
    this.prompt.textContent = `In [${count}]:`;
  }

  renderOutputs() {
    const outputs = this.cell.type === 'code' ? this.cell.outputs : [];
    this.outputArea.replaceChildren(...outputs.map(renderOutput));
    this.outputArea.hidden = outputs.length === 0;
  }

  /** 'idle', 'queued' or 'running': shown by the prompt, the cell's border and a status line. */
  setState(state) {
    this.state = state;
    this.element.dataset.state = state;
    this.element.setAttribute('aria-busy', state === 'idle' ? 'false' : 'true');
    this.status.textContent = state === 'running' ? 'Running…' : state === 'queued' ? 'Queued' : '';
    this.renderPrompt();
  }

  /** Shows a message about this cell that is not one of its outputs (e.g. the server refused it). */
  showNote(text) {
    this.note.textContent = text || '';
    this.note.hidden = !text;
  }

  fit() {
    if (this.editor.hidden) return;
    this.editor.style.height = 'auto';
    this.editor.style.height = `${this.editor.scrollHeight + 2}px`;
  }

  /** Puts the caret in the editor (switching a Markdown cell to its source first). */
  edit() {
    if (this.cell.type === 'markdown' && !this.editing) {
      this.editing = true;
      this.renderMode();
    }
    this.editor.focus();
  }

  /** Shows a Markdown cell rendered (what running it means). */
  finishEditing() {
    if (this.cell.type === 'markdown') {
      this.editing = false;
      this.renderMode();
    }
  }

  focusCell() {
    this.element.focus();
  }

  onEditorKey(event) {
    if (event.key === 'Enter' && (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey)) {
      event.preventDefault();
      const mode = event.shiftKey ? 'advance' : event.altKey ? 'insert' : 'stay';
      this.actions.run(this, mode);
      return;
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      this.actions.move(this, event.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      this.focusCell();
      return;
    }
    if (event.key === 'Tab' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (event.shiftKey) this.dedent();
      else this.indent();
      return;
    }
    if (event.key === 'Enter' && this.cell.type === 'code' && !event.isComposing) {
      event.preventDefault();
      this.newlineKeepingIndent();
    }
  }

  onCellKey(event) {
    if (event.target !== this.element) return;
    if (event.key === 'Enter' && (event.shiftKey || event.ctrlKey || event.metaKey || event.altKey)) {
      event.preventDefault();
      this.actions.run(this, event.shiftKey ? 'advance' : event.altKey ? 'insert' : 'stay');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.edit();
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      this.actions.move(this, event.key === 'ArrowUp' ? -1 : 1);
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      this.actions.focusSibling(this, event.key === 'ArrowUp' ? -1 : 1);
    }
  }

  replaceSelection(text, selectStart, selectEnd) {
    const { editor } = this;
    editor.setRangeText(text, editor.selectionStart, editor.selectionEnd, 'end');
    if (selectStart !== undefined) editor.setSelectionRange(selectStart, selectEnd);
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  }

  newlineKeepingIndent() {
    const { editor } = this;
    const before = editor.value.slice(0, editor.selectionStart);
    const line = before.slice(before.lastIndexOf('\n') + 1);
    let indent = /^[ \t]*/.exec(line)[0];
    if (/:\s*(#.*)?$/.test(line)) indent += INDENT;
    this.replaceSelection(`\n${indent}`);
  }

  selectedLines() {
    const { editor } = this;
    const { value } = editor;
    const start = value.lastIndexOf('\n', editor.selectionStart - 1) + 1;
    let end = value.indexOf('\n', Math.max(editor.selectionEnd - 1, editor.selectionStart));
    if (end < 0) end = value.length;
    return { start, end };
  }

  indent() {
    const { editor } = this;
    if (editor.selectionStart === editor.selectionEnd) {
      this.replaceSelection(INDENT);
      return;
    }
    const { start, end } = this.selectedLines();
    const block = editor.value.slice(start, end).replace(/^/gm, INDENT);
    editor.setSelectionRange(start, end);
    this.replaceSelection(block, start, start + block.length);
  }

  dedent() {
    const { editor } = this;
    const { start, end } = this.selectedLines();
    const block = editor.value.slice(start, end).replace(/^(?: {1,4}|\t)/gm, '');
    editor.setSelectionRange(start, end);
    this.replaceSelection(block, start, start + block.length);
  }
}
