// The page: sign in (or create an account), audit a site, watch its progress live, read its score.
// Everything shown comes from the typed documents of client/generated; text is set with
// textContent only, so nothing the API returns is ever parsed as HTML.
import {
  AuditDocument,
  AuditFindingsDocument,
  AuditProgressDocument,
  CreateAuditDocument,
  type AuditProgressSubscription,
} from '../../../client/generated/graphql.js';
import { Api, ApiError } from './api.js';

const DEFAULT_API_URL = import.meta.env.VITE_AEO_API_URL || 'http://localhost:4000/graphql';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the page`);
  return found as T;
}

const ui = {
  signIn: element<HTMLFormElement>('sign-in'),
  apiUrl: element<HTMLInputElement>('api-url'),
  email: element<HTMLInputElement>('email'),
  password: element<HTMLInputElement>('password'),
  register: element<HTMLButtonElement>('register-button'),
  signInError: element('sign-in-error'),
  signedIn: element('signed-in'),
  viewerEmail: element('viewer-email'),
  signOut: element<HTMLButtonElement>('sign-out'),
  createAudit: element<HTMLFormElement>('create-audit'),
  createAuditButton: element<HTMLButtonElement>('create-audit-button'),
  auditUrl: element<HTMLInputElement>('audit-url'),
  maxPages: element<HTMLInputElement>('max-pages'),
  auditError: element('audit-error'),
  audit: element('audit'),
  auditedUrl: element('audited-url'),
  progress: element<HTMLProgressElement>('progress'),
  status: element('status'),
  events: element('events'),
  result: element('result'),
  score: element('score'),
  grade: element('grade'),
  categories: element('categories'),
  findings: element('findings'),
};

let api: Api | null = null;

ui.apiUrl.value = DEFAULT_API_URL;

const message = (error: unknown) =>
  error instanceof ApiError && error.code
    ? `${error.message} (${error.code})`
    : String((error as Error)?.message ?? error);

function item(text: string, attributes: Record<string, string> = {}): HTMLLIElement {
  const li = document.createElement('li');
  li.textContent = text;
  for (const [name, value] of Object.entries(attributes)) li.setAttribute(name, value);
  return li;
}

async function enter(action: 'login' | 'register') {
  ui.signInError.textContent = '';
  if (!ui.signIn.reportValidity()) return;
  const candidate = new Api(ui.apiUrl.value.trim());
  try {
    const viewer = await candidate[action](ui.email.value.trim(), ui.password.value);
    api = candidate;
    ui.password.value = '';
    ui.viewerEmail.textContent = viewer.email;
    ui.signIn.hidden = true;
    ui.signedIn.hidden = false;
    ui.auditUrl.focus();
  } catch (error) {
    ui.signInError.textContent = message(error);
  }
}

ui.signIn.addEventListener('submit', (event) => {
  event.preventDefault();
  void enter('login');
});
ui.register.addEventListener('click', () => void enter('register'));

ui.signOut.addEventListener('click', () => {
  const ending = api;
  api = null;
  ui.signedIn.hidden = true;
  ui.audit.hidden = true;
  ui.signIn.hidden = false;
  void ending?.logout().catch(() => undefined);
});

function showEvent(event: AuditProgressSubscription['auditProgress']) {
  ui.progress.value = event.progress;
  const percent = `${Math.round(event.progress * 100)}%`;
  ui.status.textContent = `${event.status} – ${event.stage ?? ''} ${percent}`.trim();
  ui.status.dataset.status = event.status;
  const text = [event.status, percent, event.stage, event.message, event.error].filter(Boolean).join(' · ');
  ui.events.append(item(text, { class: 'event', 'data-status': event.status }));
}

async function showResult(client: Api, id: string) {
  const [{ audit }, findings] = await Promise.all([
    client.request(AuditDocument, { id }),
    client.request(AuditFindingsDocument, { id, first: 5 }),
  ]);
  if (!audit) throw new ApiError('The audit is gone', 'NOT_FOUND');
  if (audit.status !== 'SUCCEEDED') {
    ui.status.textContent = `${audit.status}${audit.error ? `: ${audit.error}` : ''}`;
    return;
  }
  ui.score.textContent = String(Math.round(audit.score ?? 0));
  ui.grade.textContent = audit.grade ?? '';
  ui.categories.replaceChildren(
    ...audit.categories
      .filter((category) => category.applicable)
      .map((category) => item(`${category.category}: ${Math.round(category.score)}`)),
  );
  ui.findings.replaceChildren(
    ...(findings.audit?.findings.edges ?? []).map(({ node }) =>
      item(`${node.severity} – ${node.title}: ${node.recommendation}`),
    ),
  );
  ui.result.hidden = false;
}

ui.createAudit.addEventListener('submit', (event) => {
  event.preventDefault();
  const client = api;
  if (!client) return;
  ui.auditError.textContent = '';
  const maxPages = ui.maxPages.value ? Number(ui.maxPages.value) : undefined;
  ui.createAuditButton.disabled = true;
  void (async () => {
    try {
      const { createAudit: audit } = await client.request(CreateAuditDocument, {
        input: { kind: 'SITE', url: ui.auditUrl.value.trim(), maxPages },
      });
      ui.auditedUrl.textContent = audit.url;
      ui.events.replaceChildren();
      ui.result.hidden = true;
      ui.audit.hidden = false;
      let last = audit.status;
      const { done } = client.subscribe(AuditProgressDocument, { id: audit.id }, (data) => {
        last = data.auditProgress.status;
        showEvent(data.auditProgress);
      });
      await done;
      if (TERMINAL.has(last)) await showResult(client, audit.id);
    } catch (error) {
      ui.auditError.textContent = message(error);
    } finally {
      ui.createAuditButton.disabled = false;
    }
  })();
});
