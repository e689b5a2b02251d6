// The notebook's kernel session on the server, and the one queue its cells run through.

import { ApiError } from './api.js';
import { rememberSessionId, savedSessionId } from './storage.js';

/**
 * Runs cells one at a time, in the order they were asked for, on one session.
 *
 * Every run is a link in a single promise chain, so a cell queued while
 * another runs waits for it whatever order the browser's requests would
 * otherwise reach the server in. An error, an interrupt, a restart or a lost
 * session drops the cells still waiting (as Jupyter does), since they were
 * written expecting the earlier cells to have worked.
 */
export class Kernel {
  /**
   * @param {import('./api.js').Api} api
   * @param {object} hooks
   * @param {(state: string, detail?: string) => void} hooks.onState
   *   'starting' | 'idle' | 'busy' | 'gone' | 'offline'
   * @param {(error: Error) => void} hooks.onSessionLost
   */
  constructor(api, { onState, onSessionLost }) {
    this.api = api;
    this.onState = onState;
    this.onSessionLost = onSessionLost;
    this.sessionId = null;
    this.chain = Promise.resolve();
    this.generation = 0;
    this.pending = 0;
    this.state = 'starting';
    this.connecting = false;
  }

  /** Whether cells can be queued: there is a session, or one is being started. */
  get available() {
    return this.sessionId !== null || this.connecting;
  }

  setState(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }

  /**
   * Binds to this tab's session if the server still has it, or to a new one.
   * Cells queued meanwhile wait for it.
   */
  start(options) {
    this.connecting = true;
    const started = this.connect(options).finally(() => {
      this.connecting = false;
    });
    this.chain = this.chain.then(() => started).catch(() => {});
    return started;
  }

  async connect({ reuse = true } = {}) {
    this.setState('starting');
    const previous = reuse ? savedSessionId() : null;
    if (previous) {
      try {
        const session = await this.api.getSession(previous);
        this.bind(session.id);
        return session;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) return this.fail(error);
      }
    }
    try {
      const session = await this.api.createSession();
      this.bind(session.id);
      return session;
    } catch (error) {
      return this.fail(error);
    }
  }

  bind(id) {
    this.sessionId = id;
    rememberSessionId(id);
    this.setState(this.pending > 0 ? 'busy' : 'idle');
  }

  fail(error) {
    this.sessionId = null;
    this.setState('offline', error.message);
    throw error;
  }

  /**
   * Queues one cell's code.
   * @param {string} code the source as it was when the cell was queued
   * @param {object} job
   * @param {() => void} job.onStart the request is about to be sent
   * @param {(reply: object) => void} job.onReply the ExecuteReply
   * @param {(error: Error|null) => void} job.onCancel dropped before running (null), or the request failed
   * @returns {Promise<void>} settles when this cell is done or dropped
   */
  enqueue(code, job) {
    const generation = this.generation;
    this.pending += 1;
    this.setState('busy');
    const run = async () => {
      if (generation !== this.generation || !this.sessionId) {
        job.onCancel(null);
        return;
      }
      job.onStart();
      try {
        const reply = await this.api.execute(this.sessionId, code);
        job.onReply(reply);
        if (reply.status === 'error') this.dropQueued();
      } catch (error) {
        this.dropQueued();
        job.onCancel(error);
        this.lost(error);
      }
    };
    const done = this.chain.then(run).finally(() => {
      this.pending -= 1;
      if (this.pending === 0 && this.state === 'busy') this.setState('idle');
    });
    this.chain = done.catch(() => {});
    return done;
  }

  /** Drops every queued cell; the running one, if any, finishes. */
  dropQueued() {
    this.generation += 1;
  }

  lost(error) {
    if (error instanceof ApiError && error.sessionGone) {
      this.sessionId = null;
      rememberSessionId(null);
      this.setState('gone', error.message);
      this.onSessionLost(error);
    } else if (!(error instanceof ApiError)) {
      this.setState('offline', error.message);
      this.onSessionLost(error);
    }
  }

  /** Stops the running cell (it ends with KeyboardInterrupt) and drops the queued ones. */
  async interrupt() {
    this.dropQueued();
    if (!this.sessionId) return;
    try {
      await this.api.interrupt(this.sessionId);
    } catch (error) {
      this.lost(error);
      throw error;
    }
  }

  /** Clears the session's variables and execution count, dropping queued cells. */
  async restart() {
    this.dropQueued();
    if (!this.sessionId) return null;
    try {
      const session = await this.api.restart(this.sessionId);
      if (this.pending === 0) this.setState('idle');
      return session;
    } catch (error) {
      this.lost(error);
      throw error;
    }
  }
}
