// The HTTP API of DESIGN.md §3, as the page uses it: same origin, JSON, optional bearer token.

const TOKEN_KEY = 'tapelab.token';

/** An answer other than 2xx, with the server's `{"error": {code, message}}` when it sent one. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  /** Whether the session this call addressed no longer exists (server restart, culled, deleted). */
  get sessionGone() {
    return this.status === 404 && (this.code === 'session_not_found' || this.code === undefined);
  }
}

/** The server could not be reached at all. */
export class NetworkError extends Error {
  constructor(cause) {
    super('The server did not answer (is it running?).');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export class Api {
  /**
   * @param {object} options
   * @param {() => Promise<string|null>} options.askToken asks the person for a token after a 401;
   *   resolves to the token, or null when they gave up.
   */
  constructor({ askToken }) {
    this.askToken = askToken;
  }

  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  }

  /**
   * Sends one request; on 401 asks for a token and tries again with it.
   * @returns {Promise<any>} the decoded JSON answer, or null for 204.
   */
  async request(method, path, body) {
    let refused = false;
    for (;;) {
      try {
        return await this.send(method, path, body);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 401) throw error;
        const token = await this.askToken(refused);
        if (!token) throw error;
        this.token = token;
        refused = true;
      }
    }
  }

  async send(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = this.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (cause) {
      throw new NetworkError(cause);
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let json = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      const detail = json && json.error ? json.error : {};
      throw new ApiError(response.status, detail.code, detail.message || `${response.status} ${response.statusText}`);
    }
    return json;
  }

  createSession() {
    return this.request('POST', 'api/sessions', {});
  }

  getSession(id) {
    return this.request('GET', `api/sessions/${encodeURIComponent(id)}`);
  }

  execute(id, code) {
    return this.request('POST', `api/sessions/${encodeURIComponent(id)}/execute`, { code });
  }

  interrupt(id) {
    return this.request('POST', `api/sessions/${encodeURIComponent(id)}/interrupt`);
  }

  restart(id) {
    return this.request('POST', `api/sessions/${encodeURIComponent(id)}/restart`);
  }
}
