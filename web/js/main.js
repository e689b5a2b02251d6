// The notebook page: wires the toolbar, the cells, the kernel queue, autosave and messages.

import { Api, ApiError } from './api.js';
import { CellView } from './cell-view.js';
import { Kernel } from './kernel.js';
import { emptyNotebook, fileNameFor, fromIpynb, makeCell, normalizeOutput, toIpynb } from './notebook.js';
import { loadSaved, saveNow } from './storage.js';

const EXAMPLE_URL = 'examples/gradient_tape_basics.ipynb';
const SAVE_DELAY_MS = 150;

const $ = (id) => document.getElementById(id);

class NotebookPage {
  constructor() {
    this.cellsElement = $('cells');
    this.views = [];
    this.saveTimer = null;
    this.api = new Api({ askToken: (refused) => this.askToken(refused) });
    this.kernel = new Kernel(this.api, {
      onState: (state, detail) => this.showKernelState(state, detail),
      onSessionLost: (error) => this.sessionLost(error),
    });
    this.notebook = loadSaved() || emptyNotebook();
    this.bindToolbar();
    this.render();
    this.keepFocusClearOfHeader();
    window.addEventListener('pagehide', () => this.saveNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.saveNow();
    });
  }

  async start() {
    try {
      await this.kernel.start();
    } catch (error) {
      this.showBanner(`Could not start a kernel session: ${error.message}`, 'Try again', () => this.newSession());
    }
  }

  /** Scrolling to a cell or an output stops below the sticky header, however tall the banner makes it. */
  keepFocusClearOfHeader() {
    const header = document.querySelector('.app-header');
    const update = () => {
      const sticky = getComputedStyle(header).position === 'sticky';
      document.documentElement.style.scrollPaddingTop = sticky ? `${header.offsetHeight + 8}px` : '0px';
    };
    new ResizeObserver(update).observe(header);
    window.addEventListener('resize', update);
    update();
  }

  // MARK: toolbar

  bindToolbar() {
    $('new-notebook').addEventListener('click', () => this.replaceNotebook(emptyNotebook(), 'Started a new notebook.'));
    $('open-example').addEventListener('click', () => this.openExample());
    $('import-file').addEventListener('change', (event) => this.importFile(event.target));
    $('export-notebook').addEventListener('click', () => this.exportNotebook());
    $('run-all').addEventListener('click', () => this.runAll());
    $('interrupt').addEventListener('click', () => this.interrupt());
    $('restart').addEventListener('click', () => this.restart());
    $('clear-outputs').addEventListener('click', () => this.clearOutputs());
    $('add-code').addEventListener('click', () => this.insertAt(this.views.length, 'code'));
    $('add-markdown').addEventListener('click', () => this.insertAt(this.views.length, 'markdown'));
    $('banner-close').addEventListener('click', () => this.hideBanner());
    const name = $('notebook-name');
    name.addEventListener('input', () => {
      this.notebook.name = name.value;
      this.scheduleSave();
    });
  }

  // MARK: cells

  render() {
    $('notebook-name').value = this.notebook.name;
    document.title = `${this.notebook.name} – TapeLab`;
    this.views = this.notebook.cells.map((cell) => this.makeView(cell));
    this.cellsElement.replaceChildren(...this.views.map((view) => view.element));
    this.renumber();
    for (const view of this.views) {
      view.setState('idle');
      view.fit();
    }
  }

  makeView(cell) {
    return new CellView(cell, {
      run: (view, mode) => this.runFromCell(view, mode),
      move: (view, delta) => this.move(view, delta),
      remove: (view) => this.remove(view),
      insert: (view, type) => this.insertAt(this.views.indexOf(view) + 1, type),
      changeType: (view, type) => this.changeType(view, type),
      focusSibling: (view, delta) => {
        const sibling = this.views[this.views.indexOf(view) + delta];
        if (sibling) sibling.focusCell();
      },
      edited: () => this.scheduleSave(),
    });
  }

  renumber() {
    this.views.forEach((view, index) => view.setIndex(index + 1, this.views.length));
  }

  syncModel() {
    this.notebook.cells = this.views.map((view) => view.cell);
    this.renumber();
    this.scheduleSave();
  }

  insertAt(index, type) {
    const view = this.makeView(makeCell(type));
    view.setState('idle');
    const before = this.views[index];
    this.views.splice(index, 0, view);
    this.cellsElement.insertBefore(view.element, before ? before.element : null);
    this.syncModel();
    view.fit();
    view.edit();
    return view;
  }

  move(view, delta) {
    const from = this.views.indexOf(view);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= this.views.length) return;
    const focused = document.activeElement;
    this.views.splice(from, 1);
    this.views.splice(to, 0, view);
    const next = this.views[to + 1];
    this.cellsElement.insertBefore(view.element, next ? next.element : null);
    this.syncModel();
    // Moving the node drops focus in some browsers; keep it where the person was.
    const keep = view.element.contains(focused) && !focused.disabled ? focused : view.element;
    keep.focus();
  }

  remove(view) {
    const index = this.views.indexOf(view);
    if (index < 0) return;
    this.views.splice(index, 1);
    view.element.remove();
    if (this.views.length === 0) {
      this.insertAt(0, 'code');
      return;
    }
    this.syncModel();
    (this.views[index] || this.views[index - 1]).focusCell();
  }

  changeType(view, type) {
    const { cell } = view;
    cell.type = type;
    if (type !== 'code') {
      cell.outputs = [];
      cell.executionCount = null;
    }
    view.editing = true;
    view.refresh();
    this.renumber();
    this.scheduleSave();
  }

  // MARK: running

  runFromCell(view, mode) {
    this.run(view);
    const index = this.views.indexOf(view);
    if (mode === 'advance') {
      const next = this.views[index + 1] || this.insertAt(index + 1, 'code');
      if (next.cell.type === 'code' || next.editing) next.edit();
      else next.focusCell();
    } else if (mode === 'insert') {
      this.insertAt(index + 1, 'code');
    } else if (view.cell.type === 'markdown') {
      view.focusCell();
    }
  }

  /** Renders a Markdown cell, or queues a code cell behind every cell queued before it. */
  run(view) {
    if (view.cell.type === 'markdown') {
      view.finishEditing();
      return Promise.resolve();
    }
    if (view.cell.type !== 'code') return Promise.resolve();
    if (!this.kernel.available) {
      this.sessionLost(null);
      return Promise.resolve();
    }
    view.showNote('');
    view.setState('queued');
    const { cell } = view;
    let shown = cell.outputs;
    return this.kernel.enqueue(cell.source, {
      onStart: () => {
        view.setState('running');
        shown = cell.outputs;
        cell.outputs = [];
        view.renderOutputs();
      },
      onReply: (reply) => {
        cell.outputs = (reply.outputs || []).map(normalizeOutput).filter(Boolean);
        cell.executionCount = reply.execution_count ?? null;
        view.setState('idle');
        view.renderOutputs();
        this.saveNow();
      },
      onCancel: (error) => {
        // The cell did not run: it keeps what it showed before.
        cell.outputs = shown;
        view.renderOutputs();
        view.setState('idle');
        if (error && !(error instanceof ApiError && error.sessionGone)) {
          view.showNote(`Not run: ${error.message}`);
        }
      },
    });
  }

  runAll() {
    for (const view of this.views) this.run(view);
  }

  async interrupt() {
    try {
      await this.kernel.interrupt();
    } catch (error) {
      this.reportError('Interrupt failed', error);
    }
  }

  async restart() {
    try {
      await this.kernel.restart();
      this.flash('Kernel restarted: variables and counts are cleared.');
    } catch (error) {
      this.reportError('Restart failed', error);
    }
  }

  clearOutputs() {
    for (const view of this.views) {
      view.cell.outputs = [];
      view.cell.executionCount = null;
      view.showNote('');
      view.renderPrompt();
      view.renderOutputs();
    }
    this.scheduleSave();
  }

  // MARK: session and messages

  showKernelState(state, detail) {
    const labels = {
      starting: 'Kernel: starting…',
      idle: 'Kernel: idle',
      busy: 'Kernel: busy',
      gone: 'Kernel: session gone',
      offline: 'Kernel: no connection',
    };
    $('kernel-status').dataset.state = state;
    $('kernel-status-text').textContent = labels[state] || state;
    $('kernel-status').title = detail || '';
    document.body.dataset.kernel = state;
  }

  sessionLost(error) {
    const gone = !error || (error instanceof ApiError && error.sessionGone);
    const text = gone
      ? 'The kernel session is gone: the server restarted or removed it after it sat idle, so its variables are lost. Your notebook is still here.'
      : `The server did not answer (${error.message}). Your notebook is still here.`;
    this.showBanner(text, 'New session', () => this.newSession());
  }

  async newSession() {
    this.hideBanner();
    try {
      await this.kernel.start({ reuse: false });
      this.flash('Started a new kernel session.');
    } catch (error) {
      this.showBanner(`Could not start a kernel session: ${error.message}`, 'Try again', () => this.newSession());
    }
  }

  reportError(what, error) {
    if (error instanceof ApiError && error.sessionGone) return;
    this.showBanner(`${what}: ${error.message}`);
  }

  showBanner(text, actionLabel, action) {
    $('banner-text').textContent = text;
    const actionButton = $('banner-action');
    actionButton.hidden = !action;
    actionButton.onclick = action || null;
    if (actionLabel) actionButton.textContent = actionLabel;
    $('banner').dataset.kind = action ? 'problem' : 'info';
    $('banner').hidden = false;
    if (action) actionButton.focus();
  }

  /** A short message that needs no answer. */
  flash(text, actionLabel, action) {
    this.showBanner(text);
    $('banner').dataset.kind = 'info';
    if (actionLabel && action) {
      const actionButton = $('banner-action');
      actionButton.textContent = actionLabel;
      actionButton.onclick = action;
      actionButton.hidden = false;
    }
  }

  hideBanner() {
    $('banner').hidden = true;
  }

  /** Asks for the server's token; requests refused together share one question. */
  askToken(refused) {
    if (!this.tokenQuestion) {
      this.tokenQuestion = this.showTokenDialog(refused).finally(() => {
        this.tokenQuestion = null;
      });
    }
    return this.tokenQuestion;
  }

  showTokenDialog(refused) {
    const dialog = $('token-dialog');
    const input = $('token-input');
    $('token-error').hidden = !refused;
    input.value = '';
    return new Promise((resolve) => {
      const done = () => {
        dialog.removeEventListener('close', done);
        resolve(dialog.returnValue === 'ok' && input.value ? input.value : null);
      };
      dialog.returnValue = '';
      dialog.addEventListener('close', done);
      dialog.showModal();
      input.focus();
    });
  }

  // MARK: files

  /** Replaces the notebook, offering to bring the old one back. */
  replaceNotebook(notebook, message) {
    const previous = this.notebook;
    this.notebook = notebook;
    this.render();
    this.saveNow();
    this.flash(message, 'Undo', () => {
      this.notebook = previous;
      this.render();
      this.saveNow();
      this.hideBanner();
    });
    const first = this.views[0];
    if (first) first.focusCell();
  }

  async openExample() {
    try {
      const response = await fetch(EXAMPLE_URL, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const notebook = fromIpynb(await response.json(), 'gradient_tape_basics');
      this.replaceNotebook(notebook, 'Opened the Gradient Tape Basics example.');
    } catch (error) {
      this.showBanner(`Could not open the example: ${error.message}`);
    }
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    try {
      const json = JSON.parse(await file.text());
      const notebook = fromIpynb(json, file.name.replace(/\.ipynb$/i, ''));
      this.replaceNotebook(notebook, `Imported ${file.name}.`);
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'it is not valid JSON' : error.message;
      this.showBanner(`Could not import ${file.name}: ${reason}`);
    }
  }

  exportNotebook() {
    const text = `${JSON.stringify(toIpynb(this.notebook), null, 1)}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ipynb+json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameFor(this.notebook.name);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // MARK: autosave

  scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_DELAY_MS);
  }

  saveNow() {
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const result = saveNow(this.notebook);
    document.body.dataset.saved = result;
    if (result !== 'saved' && !this.warnedAboutSaving) {
      this.warnedAboutSaving = true;
      this.showBanner(
        result === 'saved-without-outputs'
          ? 'The outputs are too large for the browser to keep; the cells are saved without them.'
          : 'The browser refused to save this notebook; export it to keep it.',
      );
    }
  }
}

const page = new NotebookPage();
window.tapelab = page;
page.start();
