/* Interview: the code editor of a coding question (a monospace textarea with tab handling).
 *
 * Shown only while the open question is a coding one: after every change to the chat it asks
 * the server (GET /v1/sessions/{id}/code, 409 when the question is not a coding one). Run tries
 * the visible examples and the candidate's own test_* functions, Submit the hidden tests; the
 * results come back per test, and a submission's reply from the interviewer goes into the chat.
 * The code is kept in localStorage per session and problem, so a reload loses nothing. Every
 * piece of text is inserted as text (Mockint.el), never as markup.
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { api, el, store } = Mockint;
  const root = document.getElementById("interview");
  const panel = document.getElementById("code-panel");
  const editor = document.getElementById("code-editor");
  const results = document.getElementById("code-results");
  const status = document.getElementById("code-status");
  const chat = document.getElementById("chat");
  const buttons = [document.getElementById("code-run"), document.getElementById("code-submit")];
  const INDENT = "    ";
  const sid = root.dataset.sessionId || store.lastSession();
  const token = sid ? store.token(sid) : null;
  let problem = null;
  let busy = false;
  if (!sid || !token) return;

  const draftKey = () => `mockint.code.${sid}.${problem.problem_id}`;

  function showLimits(view) {
    document.getElementById("code-limits").textContent =
      `${view.title}: ${view.time_seconds} s of CPU and ${view.memory_mb} MiB per test; ` +
      `${view.submissions_left} submission(s) and ${view.runs_left} run(s) left.`;
  }

  async function refresh() {
    let view = null;
    try {
      view = await api(`/v1/sessions/${encodeURIComponent(sid)}/code`, { auth: token });
    } catch {
      view = null; /* 409: not a coding question now */
    }
    if (!view) {
      panel.hidden = true;
      problem = null;
      return;
    }
    const fresh = !problem || problem.problem_id !== view.problem_id;
    problem = view;
    panel.hidden = false;
    showLimits(view);
    if (fresh) {
      editor.value = localStorage.getItem(draftKey()) || view.starter;
      results.replaceChildren();
      document.getElementById("code-example-list").replaceChildren(...view.examples.map((e) =>
        el("li", {}, el("code", { text: `${JSON.stringify(e.args)} → ${JSON.stringify(e.expected)}` }),
          e.explanation ? ` ${e.explanation}` : "")));
    }
    panel.dataset.problem = view.problem_id;
  }

  let timer = null;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  }).observe(chat, { childList: true });

  function line(result) {
    const mark = result.passed ? "passed" : "failed";
    const item = el("li", { class: `test ${mark}`, "data-test": result.name },
      el("strong", { text: `${result.passed ? "✓" : "✗"} ${result.name}` }),
      ` (${result.group}${result.description ? `: ${result.description}` : ""})`,
      result.passed ? "" : el("span", { class: "why", text: ` ${result.outcome}: ${result.message}` }));
    const detail = [];
    if (result.input !== null && result.input !== undefined) detail.push(`input ${result.input}`);
    if (result.expected !== null && result.expected !== undefined) detail.push(`expected ${result.expected}`);
    if (result.got !== null && result.got !== undefined) detail.push(`got ${result.got}`);
    if (detail.length) item.append(el("pre", { class: "detail", text: detail.join("\n") }));
    if (result.stdout) item.append(el("pre", { class: "stdout", text: `printed:\n${result.stdout}` }));
    return item;
  }

  function show(reply) {
    const heading = reply.mode === "run" ? "Examples" : "Hidden tests";
    const groups = Object.entries(reply.groups).map(([g, v]) => `${g} ${v.passed}/${v.total}`).join(", ");
    const parts = [el("h3", { text: `${heading}: ${reply.passed} of ${reply.total} passed` }),
      el("p", { class: "help", text: groups })];
    if (reply.load_error) parts.push(el("p", { class: "error", text: `Your code did not load: ${reply.load_error}` }));
    parts.push(el("ul", { class: "tests" }, reply.results.map(line)));
    if (reply.own_tests.length) {
      parts.push(el("h3", { text: "Your own tests" }), el("ul", { class: "tests own" },
        reply.own_tests.map((t) => el("li", { class: `test ${t.ok ? "passed" : "failed"}`, "data-test": t.name },
          el("strong", { text: `${t.ok ? "✓" : "✗"} ${t.name}` }), t.ok ? "" : ` ${t.error}`))));
    }
    results.replaceChildren(...parts);
    root.dataset.codeReplies = String(Number(root.dataset.codeReplies || 0) + 1);
  }

  async function send(mode) {
    if (busy || !problem) return;
    busy = true;
    buttons.forEach((b) => { b.disabled = true; });
    status.textContent = mode === "run" ? "Running on the examples…" : "Running the hidden tests…";
    localStorage.setItem(draftKey(), editor.value);
    try {
      const path = `/v1/sessions/${encodeURIComponent(sid)}/code${mode === "run" ? "/run" : ""}`;
      const reply = await api(path, { method: "POST", auth: token,
        body: { language: "python", source: editor.value },
        headers: { "Idempotency-Key": Mockint.newKey() } });
      status.textContent = "";
      show(reply);
      reply.messages.forEach((m) => chat.append(el("li", { class: "msg interviewer" },
        el("span", { class: "who", text: "Interviewer" }), el("p", { class: "text", text: m }))));
      chat.lastElementChild?.scrollIntoView({ block: "nearest" });
    } catch (e) {
      status.textContent = e instanceof Mockint.ApiError ? `Not run: ${e.message}`
        : "The server cannot be reached right now; your code is kept, try again in a moment.";
    } finally {
      busy = false;
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  document.getElementById("code-run").addEventListener("click", () => send("run"));
  document.getElementById("code-submit").addEventListener("click", () => send("submit"));
  editor.addEventListener("input", () => { if (problem) localStorage.setItem(draftKey(), editor.value); });

  /* Tab and Shift+Tab indent and dedent the selected lines; Enter keeps the indentation and adds
   * a level after a colon. Everything else is the browser's own textarea. */
  editor.addEventListener("keydown", (event) => {
    const { selectionStart: start, selectionEnd: end, value } = editor;
    if (event.key === "Tab") {
      event.preventDefault();
      const from = value.lastIndexOf("\n", start - 1) + 1;
      if (!event.shiftKey && start === end) {
        editor.setRangeText(INDENT, start, end, "end");
        editor.dispatchEvent(new Event("input"));
        return;
      }
      const block = value.slice(from, end);
      const changed = event.shiftKey
        ? block.replace(/^ {1,4}/gm, "")
        : block.replace(/^/gm, INDENT);
      editor.setRangeText(changed, from, end, "select");
      editor.dispatchEvent(new Event("input"));
    } else if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      const from = value.lastIndexOf("\n", start - 1) + 1;
      const current = value.slice(from, start);
      let indent = current.match(/^\s*/)[0];
      if (/:\s*$/.test(current)) indent += INDENT;
      editor.setRangeText(`\n${indent}`, start, end, "end");
      editor.dispatchEvent(new Event("input"));
    }
  });

  refresh();
});
