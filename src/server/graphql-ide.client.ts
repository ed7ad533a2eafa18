// The script the IDE page runs in the browser (plain ES2020 over the React, ReactDOM, GraphiQL and
// graphqlWs globals of the self-hosted bundles). It adds to GraphiQL:
// - one tab per example operation (example-operations.ts);
// - a "Sign in" panel: runs `login`, puts `authorization: Bearer <accessToken>` into the headers
//   of the open tab (requests of tabs without a credential header use it too), refreshes it with
//   `refreshSession` before it expires, signs out with `logout`. The session lives in memory; only
//   when the user ticks "Remember" is it kept in sessionStorage (this tab, until it is closed);
// - nothing credential-like in localStorage: GraphiQL's storage is wrapped so that no headers
//   (open tab, tabs, history, favorites) and no variables of an operation carrying a credential
//   (login, refreshSession, changePassword, …) are written;
// - readable errors: a refused WebSocket (bad token on a subscription: close code 4401) or an
//   unreachable server shows as a GraphQL error with a message, not as an Error with its stack.
import type { ExampleOperation } from './example-operations.js';

export interface IdeClientConfig {
  examples: readonly ExampleOperation[];
  /** Root fields whose arguments carry a credential: their variables are never stored. */
  credentialFields: readonly string[];
}

/** JSON that is also safe inside an inline script. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function ideClientScript(config: IdeClientConfig): string {
  return `(function (CONFIG) {\n${CLIENT}\n})(${scriptJson(config)});\n`;
}

const CLIENT = String.raw`
'use strict';
var h = React.createElement;
var UI = GraphiQL.React;
var HTTP = location.origin + '/graphql';
var WS = HTTP.replace(/^http/, 'ws');
var SESSION_KEY = 'aeo-ide:session';
var REFRESH_AHEAD_MS = 60 * 1000;

// ---- The session ------------------------------------------------------------------------------
var session = null; // { accessToken, refreshToken, expiresAt (ms), email, remember }
var issued = []; // every "Bearer …" this page handed out, to swap for the current one
var listeners = [];
var timer = null;

function bearer() { return session ? 'Bearer ' + session.accessToken : null; }
function notify() { listeners.forEach(function (listener) { listener(session); }); }
function subscribe(listener) {
  listeners.push(listener);
  return function () { listeners = listeners.filter(function (l) { return l !== listener; }); };
}
function store() {
  try {
    if (session && session.remember) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch (e) { /* storage disabled: the session stays in memory */ }
}
function describe(error) {
  var code = error && error.extensions && error.extensions.code;
  return (error && error.message ? error.message : String(error)) + (code ? ' (' + code + ')' : '');
}
function post(query, variables) {
  return fetch(HTTP, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: query, variables: variables }),
  }).then(function (response) { return response.json(); });
}
var PAYLOAD = '{ accessToken refreshToken expiresAt user { email } }';
function accept(payload, remember) {
  session = {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: Date.parse(payload.expiresAt),
    email: payload.user.email,
    remember: Boolean(remember),
  };
  issued.push(bearer());
  store();
  schedule();
  notify();
  return session;
}
function signIn(email, password, remember) {
  return post('mutation IdeLogin($input: LoginInput!) { login(input: $input) ' + PAYLOAD + ' }', {
    input: { email: email, password: password },
  }).then(function (result) {
    if (result.errors && result.errors.length) throw new Error(describe(result.errors[0]));
    return accept(result.data.login, remember);
  });
}
var refreshing = null;
function refresh() {
  if (!session) return Promise.reject(new Error('Not signed in'));
  if (refreshing) return refreshing;
  var old = session;
  refreshing = post('mutation IdeRefresh($token: String!) { refreshSession(refreshToken: $token) ' + PAYLOAD + ' }', {
    token: old.refreshToken,
  }).then(function (result) {
    if (result.errors && result.errors.length) {
      end();
      throw new Error('The session could not be refreshed: ' + describe(result.errors[0]) + '. Sign in again.');
    }
    return accept(result.data.refreshSession, old.remember);
  }).finally(function () { refreshing = null; });
  return refreshing;
}
function schedule() {
  clearTimeout(timer);
  if (!session) return;
  var wait = Math.min(Math.max(session.expiresAt - Date.now() - REFRESH_AHEAD_MS, 0), 2147483647);
  timer = setTimeout(function () { refresh().catch(function () { /* shown by the panel */ }); }, wait);
}
function end() {
  session = null;
  clearTimeout(timer);
  store();
  notify();
}
function signOut() {
  var old = session;
  end();
  if (old) post('mutation IdeLogout($token: String!) { logout(refreshToken: $token) }', { token: old.refreshToken })
    .catch(function () { /* the access token still expires on its own */ });
}
/** The session, refreshed first when its access token is (about to be) expired. */
function fresh() {
  if (session && session.expiresAt - Date.now() < 5000) return refresh().catch(function () { return null; });
  return Promise.resolve(session);
}
(function restore() {
  try {
    var saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (saved && saved.refreshToken) {
      session = saved;
      issued.push(bearer());
      schedule();
    }
  } catch (e) { /* nothing kept */ }
})();

// ---- Headers ----------------------------------------------------------------------------------
function isCredentialHeader(name) { return /^(authorization|apikey|x-api-key)$/i.test(name); }
/** The request's headers with an outdated token of this page replaced, or the session's added. */
function withSession(headers) {
  var out = Object.assign({}, headers || {});
  var current = bearer();
  if (!current) return out;
  var hasCredential = false;
  Object.keys(out).forEach(function (name) {
    if (!isCredentialHeader(name)) return;
    hasCredential = true;
    if (/^authorization$/i.test(name) && issued.indexOf(out[name]) >= 0) out[name] = current;
  });
  if (!hasCredential) out.authorization = current;
  return out;
}
/** The header editor's JSON with the authorization header set (or removed, with null). */
function headersText(text, value) {
  var headers = {};
  try {
    var parsed = text && text.trim() ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) headers = parsed;
  } catch (e) { /* unreadable: replaced */ }
  Object.keys(headers).forEach(function (name) { if (/^authorization$/i.test(name)) delete headers[name]; });
  if (value) headers.authorization = value;
  return Object.keys(headers).length ? JSON.stringify(headers, null, 2) : '';
}

// ---- Errors -----------------------------------------------------------------------------------
var CLOSE_CODES = {
  4400: 'the server could not read a message',
  4401: 'the server refused the credential: sign in again (Sign in panel) or fix the authorization header',
  4403: 'the credential may not do this',
  4408: 'the connection was not initialised in time',
  4429: 'too many requests or connections',
  4500: 'the server failed',
  1001: 'the server is going away (restarting): run it again',
  1006: 'the connection was lost',
  1011: 'the server failed',
};
/** Any failure as a GraphQL response with readable messages (and never a stack trace). */
function readable(error) {
  if (Array.isArray(error)) {
    return { errors: error.map(function (e) { return { message: e.message, extensions: e.extensions, path: e.path }; }) };
  }
  var message = error && error.message ? String(error.message) : String(error);
  if (typeof CloseEvent !== 'undefined' && error instanceof CloseEvent) {
    var code = error.code;
    var reason = error.reason;
    var explained = CLOSE_CODES[code] || 'the connection closed';
    return {
      errors: [{
        message: 'Subscription stopped: ' + explained + (reason ? ' (server said: ' + reason + ')' : '') + '.',
        extensions: { code: code === 4401 ? 'UNAUTHENTICATED' : code === 4403 ? 'FORBIDDEN' : 'WEBSOCKET_CLOSED', closeCode: code },
      }],
    };
  }
  if (error instanceof TypeError) message = 'Could not reach the server: ' + message;
  return { errors: [{ message: message }] };
}
function isAsyncIterable(value) { return value != null && typeof value[Symbol.asyncIterator] === 'function'; }
/** The results, and a readable error as the last one instead of a throw (stopping still works). */
function readableResults(iterable) {
  var iterator = iterable[Symbol.asyncIterator]();
  var failed = false;
  var results = {
    next: function () {
      if (failed) return Promise.resolve({ done: true, value: undefined });
      return iterator.next().catch(function (error) {
        failed = true;
        return { done: false, value: readable(error) };
      });
    },
    return: function (value) {
      return iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value: value });
    },
  };
  results[Symbol.asyncIterator] = function () { return results; };
  return results;
}

// ---- Subscriptions: graphql-ws, one connection per run, the headers as its connectionParams ----
function subscription(params, headers) {
  var client = graphqlWs.createClient({ url: WS, connectionParams: headers, lazy: true, retryAttempts: 0 });
  var queue = [];
  var waiting = null;
  var finished = false;
  function finish() {
    if (finished) return;
    finished = true;
    unsubscribe();
    client.dispose();
  }
  function push(item) {
    if (item.done) finish();
    if (waiting) {
      var resolve = waiting;
      waiting = null;
      resolve(item);
    } else queue.push(item);
  }
  var unsubscribe = client.subscribe(params, {
    next: function (value) { push({ done: false, value: value }); },
    error: function (error) { push({ done: false, value: readable(error) }); push({ done: true, value: undefined }); },
    complete: function () { push({ done: true, value: undefined }); },
  });
  var results = {
    next: function () {
      if (queue.length) return Promise.resolve(queue.shift());
      if (finished) return Promise.resolve({ done: true, value: undefined });
      return new Promise(function (resolve) { waiting = resolve; });
    },
    return: function () {
      finish();
      if (waiting) push({ done: true, value: undefined });
      return Promise.resolve({ done: true, value: undefined });
    },
  };
  results[Symbol.asyncIterator] = function () { return results; };
  return results;
}

// ---- The fetcher ------------------------------------------------------------------------------
// GraphiQL works out the operation name and document of the query editor a moment after it
// changes: run right after switching tabs, a request can name the previous tab's operation
// ("Unknown operation named …"). The query text is current, so a stale name is corrected from it.
/** The operations of a query text, as { operation, name } (name null when anonymous). */
function operationsOf(query) {
  var text = uncommented(query).replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"/g, '""');
  var found = [];
  var depth = 0;
  var pattern = /[{}]|\b(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?/g;
  var match;
  while ((match = pattern.exec(text))) {
    if (match[0] === '{') {
      if (depth === 0 && !/\b(query|mutation|subscription|fragment)\b[^{}]*$/.test(text.slice(0, match.index))) {
        found.push({ operation: 'query', name: null });
      }
      depth++;
    } else if (match[0] === '}') depth = Math.max(depth - 1, 0);
    else if (depth === 0) found.push({ operation: match[1], name: match[2] || null });
  }
  return found;
}
function currentOperation(params, documentAST) {
  var names = function (d) { return d.name && d.name.value; };
  var ast = documentAST ? documentAST.definitions.filter(function (d) { return d.kind === 'OperationDefinition'; }) : [];
  var name = params.operationName;
  var fromAst = ast.filter(function (d) { return name ? names(d) === name : ast.length === 1; })[0];
  if (fromAst && operationsOf(params.query).some(function (o) { return o.name === (names(fromAst) || null); })) {
    return { name: name, subscription: fromAst.operation === 'subscription' };
  }
  var operations = operationsOf(params.query);
  var chosen = operations.filter(function (o) { return name && o.name === name; })[0] || (operations.length === 1 ? operations[0] : null);
  if (!chosen) return { name: name, subscription: false }; // the server says what is wrong
  return { name: chosen.name || undefined, subscription: chosen.operation === 'subscription' };
}
var http = GraphiQL.createFetcher({ url: HTTP });
function fetcher(params, options) {
  return fresh().then(function () {
    var headers = withSession(options && options.headers);
    var operation = currentOperation(params, options && options.documentAST);
    var request = Object.assign({}, params, { operationName: operation.name });
    if (operation.subscription) return subscription(request, headers);
    return Promise.resolve(http(request, Object.assign({}, options, { headers: headers }))).then(function (value) {
      return isAsyncIterable(value) ? readableResults(value) : value;
    });
  }).catch(readable);
}

// ---- Storage: localStorage as GraphiQL uses it, never with a credential in it -----------------
// GraphiQL passes its keys already namespaced ("graphiql:queries"). What it keeps there, and what
// this wrapper takes out before it is written:
// - "headers" (the open tab's headers): never written;
// - "tabState" ({ tabs: [{ query, variables, headers, response, … }] }): no headers or responses,
//   and no variables of a tab whose operation carries a credential;
// - "queries" (history), "favorites" and any other { <name>: [entries] } collection: entries
//   without headers, and without the variables of an operation that carries a credential;
// - "variables" (the open tab's variables): not written when they carry a credential, or the
//   open query is such an operation;
// - a query that writes a string into a credential call (login(input: { password: "…" })) is
//   not stored at all: not as "query", not in a tab (its query is null), not in the history.
// An operation carries a credential when it calls a field of CONFIG.credentialFields (login,
// refreshSession, changePassword, …), or when its variables name a password, token, secret or
// key. GraphiQL keeps its state in memory, so the open page loses nothing; a reload does.
var CREDENTIAL_CALL = new RegExp('\\b(' + CONFIG.credentialFields.join('|') + ')\\s*\\(');
var CREDENTIAL_NAME = /password|token|secret|api_?key|authorization/i;
function uncommented(query) { return String(query).replace(/#[^\n\r]*/g, ''); }
function callsCredentialField(query) { return typeof query === 'string' && CREDENTIAL_CALL.test(uncommented(query)); }
function namesCredential(value) {
  if (Array.isArray(value)) return value.some(namesCredential);
  if (!value || typeof value !== 'object') return false;
  return Object.keys(value).some(function (name) { return CREDENTIAL_NAME.test(name) || namesCredential(value[name]); });
}
function variablesCarryCredential(variables) {
  if (variables == null || variables === '') return false;
  if (typeof variables !== 'string') return namesCredential(variables);
  try {
    return namesCredential(JSON.parse(variables));
  } catch (e) {
    return CREDENTIAL_NAME.test(variables); // being typed: judged by its text
  }
}
/** A credential call with a string written into the query (login(input: { password: "…" })). */
function inlinesCredential(query) { return callsCredentialField(query) && /"/.test(uncommented(query)); }
function carriesCredential(entry) { return callsCredentialField(entry.query) || variablesCarryCredential(entry.variables); }
/** A tab of "tabState" as it may be stored (every property stays: GraphiQL checks they exist). */
function storedTab(tab) {
  if (!tab || typeof tab !== 'object') return tab;
  var copy = Object.assign({}, tab, { headers: null, response: null });
  if (carriesCredential(tab)) copy.variables = null;
  if (inlinesCredential(tab.query)) copy.query = null;
  return copy;
}
/** An entry of the history or the favorites as it may be stored (null: not at all). */
function storedEntry(entry) {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  if (inlinesCredential(entry.query)) return null;
  var copy = Object.assign({}, entry);
  delete copy.headers;
  if (carriesCredential(entry)) delete copy.variables;
  return copy;
}
function storedJson(value) {
  var parsed;
  try { parsed = JSON.parse(value); } catch (e) { return value; } // not JSON: as it is
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return value;
  Object.keys(parsed).forEach(function (name) {
    if (!Array.isArray(parsed[name])) return;
    parsed[name] = name === 'tabs' ? parsed[name].map(storedTab) : parsed[name].map(storedEntry).filter(function (entry) { return entry !== null; });
  });
  return JSON.stringify(parsed);
}
function keyName(key) { return String(key).replace(/^.*:/, ''); }
var openQuery = null; // the open tab's query, as GraphiQL last stored it
try { openQuery = localStorage.getItem('graphiql:query'); } catch (e) { /* storage disabled */ }
var storage = {
  getItem: function (key) { return localStorage.getItem(key); },
  setItem: function (key, value) {
    var name = keyName(key);
    if (name === 'headers') return localStorage.removeItem(key);
    if (name === 'variables' && (callsCredentialField(openQuery) || variablesCarryCredential(value))) {
      return localStorage.removeItem(key);
    }
    if (name === 'query') {
      openQuery = value;
      // The variables are stored apart, and may have been stored first: drop them with it.
      if (callsCredentialField(value)) localStorage.removeItem(key.replace(/query$/, 'variables'));
      return inlinesCredential(value) ? localStorage.removeItem(key) : localStorage.setItem(key, value);
    }
    localStorage.setItem(key, storedJson(value));
  },
  removeItem: function (key) { localStorage.removeItem(key); },
  clear: function () { localStorage.clear(); },
  get length() { return localStorage.length; },
};

// ---- The Sign in panel and its toolbar button -------------------------------------------------
function useSession() {
  var state = React.useState(session);
  React.useEffect(function () { return subscribe(state[1]); }, []);
  return state[0];
}
/** Keeps the open tab's authorization header in step with the session. */
function useHeaderSync() {
  var editor = UI.useEditorContext({ nonNull: true });
  var current = useSession();
  var last = React.useRef(bearer());
  React.useEffect(function () {
    var headerEditor = editor.headerEditor;
    if (!headerEditor) return;
    var text = headerEditor.getValue();
    var value = bearer();
    if (value) {
      var mentions = issued.some(function (token) { return text.indexOf(token) >= 0; });
      if (mentions || last.current === null || !/authorization/i.test(text)) headerEditor.setValue(headersText(text, value));
    } else if (last.current && text.indexOf(last.current) >= 0) {
      headerEditor.setValue(headersText(text, null));
    }
    last.current = value;
  }, [current, editor.headerEditor]);
  return current;
}
function KeyIcon() {
  return h('svg', { viewBox: '0 0 24 24', width: '1em', height: '1em', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, 'aria-hidden': 'true' },
    h('circle', { cx: 8, cy: 15, r: 4 }),
    h('path', { d: 'M11 12l9-9M16 7l3 3M14 9l2 2' }));
}
function when(ms) { return new Date(ms).toLocaleTimeString(); }
function SignInPanel() {
  var current = useSession();
  var email = React.useState(''), password = React.useState(''), remember = React.useState(false);
  var status = React.useState(null), busy = React.useState(false);
  function run(promise, done) {
    busy[1](true);
    status[1](null);
    promise.then(function () { busy[1](false); status[1]({ ok: true, text: done }); },
      function (error) { busy[1](false); status[1]({ ok: false, text: error.message }); });
  }
  function submit(event) {
    event.preventDefault();
    run(signIn(email[0], password[0], remember[0]).then(function () { password[1](''); }), 'Signed in.');
  }
  var message = status[0] && h('p', { role: status[0].ok ? 'status' : 'alert', className: 'aeo-ide-status' + (status[0].ok ? '' : ' aeo-ide-error') }, status[0].text);
  if (current) {
    return h('div', { className: 'aeo-ide-panel' },
      h('div', { className: 'graphiql-doc-explorer-title' }, 'Signed in'),
      h('p', null, 'As ', h('strong', null, current.email), '. The access token is in the headers of the open tab, and ' +
        'requests of tabs without an authorization header use it too. It is renewed (refreshSession) before it ' +
        'expires, next at about ' + when(current.expiresAt - REFRESH_AHEAD_MS) + '.'),
      h('p', null, current.remember ? 'Kept in this browser tab\'s sessionStorage until the tab is closed.' : 'Kept in memory only: reloading the page signs you out.'),
      h('div', { className: 'aeo-ide-actions' },
        h('button', { type: 'button', className: 'graphiql-button', disabled: busy[0], onClick: function () { run(refresh(), 'Token refreshed.'); } }, 'Refresh token now'),
        h('button', { type: 'button', className: 'graphiql-button', disabled: busy[0], onClick: function () { signOut(); status[1]({ ok: true, text: 'Signed out.' }); } }, 'Sign out')),
      message);
  }
  return h('form', { className: 'aeo-ide-panel', onSubmit: submit, 'aria-label': 'Sign in' },
    h('div', { className: 'graphiql-doc-explorer-title' }, 'Sign in'),
    h('p', null, 'Runs the login mutation and puts the access token into the headers; partners with an API key ' +
      'set {"authorization": "Bearer <key>"} in the headers instead.'),
    h('label', null, 'Email', h('input', { type: 'email', name: 'email', autoComplete: 'username', required: true, value: email[0], onChange: function (e) { email[1](e.target.value); } })),
    h('label', null, 'Password', h('input', { type: 'password', name: 'password', autoComplete: 'current-password', required: true, value: password[0], onChange: function (e) { password[1](e.target.value); } })),
    h('label', { className: 'aeo-ide-check' }, h('input', { type: 'checkbox', name: 'remember', checked: remember[0], onChange: function (e) { remember[1](e.target.checked); } }),
      ' Remember in this browser tab (sessionStorage) until it is closed'),
    h('button', { type: 'submit', className: 'graphiql-button', disabled: busy[0] }, busy[0] ? 'Signing in…' : 'Sign in'),
    message);
}
var SIGN_IN_PLUGIN = { title: 'Sign in', icon: KeyIcon, content: SignInPanel };
function SessionButton() {
  var current = useHeaderSync();
  var plugins = UI.usePluginContext();
  var label = current ? 'Signed in as ' + current.email + ' (open the Sign in panel)' : 'Sign in';
  return h(UI.ToolbarButton, {
    label: label,
    className: 'aeo-ide-session' + (current ? ' aeo-ide-signed-in' : ''),
    onClick: function () { if (plugins) plugins.setVisiblePlugin(SIGN_IN_PLUGIN); },
  }, h(KeyIcon));
}

// ---- The IDE ----------------------------------------------------------------------------------
function comment(text) { return text.split('\n').map(function (line) { return '# ' + line; }).join('\n'); }
var tabs = CONFIG.examples.map(function (example) {
  return {
    query: comment(example.summary) + '\n' + example.query + '\n',
    variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
  };
});
ReactDOM.createRoot(document.getElementById('ide')).render(h(GraphiQL, {
  fetcher: fetcher,
  defaultTabs: tabs,
  shouldPersistHeaders: false,
  storage: storage,
  plugins: [SIGN_IN_PLUGIN],
  toolbar: { additionalComponent: SessionButton },
}));
`;
