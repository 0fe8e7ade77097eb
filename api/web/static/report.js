/* Report: the report, the transcript's evidence and the closed questions' model answers, laid
 * out for reading and printing. Opened with the candidate's token, or a signed-in reviewer's key.
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { api, el, store, fmt, showError, bars, scoreCard } = Mockint;
  const root = document.getElementById("report");
  const sid = root.dataset.sessionId;
  const auth = store.credentialFor(sid);
  const error = document.getElementById("report-error");
  const base = `/v1/sessions/${encodeURIComponent(sid)}`;

  /* The answer as text nodes, with each piece of evidence found in it wrapped in <mark>. */
  function highlighted(answer, pieces) {
    const ranges = [];
    for (const piece of pieces) {
      if (!piece) continue;
      const at = answer.indexOf(piece);
      if (at >= 0) ranges.push([at, at + piece.length]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const out = el("blockquote", { class: "answer" });
    let cursor = 0;
    for (const [start, end] of ranges) {
      if (start < cursor) continue;
      out.append(answer.slice(cursor, start), el("mark", { text: answer.slice(start, end) }));
      cursor = end;
    }
    out.append(answer.slice(cursor));
    return out;
  }

  function scoreText(q) {
    if (q.score === null) return q.skipped ? "skipped" : "not scored";
    return `${q.skipped ? "skipped · " : ""}${fmt(q.score)}/100 · band ${q.band}`;
  }

  /* A coding question's last submission: the code as text, the hidden tests per group. */
  function codeBlock(code) {
    const groups = Object.entries(code.groups).map(([g, [passed, total]]) => `${g} ${passed}/${total}`);
    const failed = code.tests.filter((t) => !t.passed);
    return el("section", { class: "code-block" },
      el("h4", { text: `Your code (submission ${code.submissions}, ${code.passed} of ${code.total} hidden tests passed)` }),
      el("p", { class: "help", text: `${groups.join(", ")}; ${code.runs} run(s) on the examples; ` +
        (code.test_first ? "you started with a test of your own." : "no test of your own in the first code you ran.") }),
      el("pre", { class: "code-editor", text: code.source }),
      failed.length ? el("ul", { class: "tests" }, failed.map((t) => el("li", { class: "test failed" },
        el("strong", { text: `✗ ${t.name}` }), ` (${t.group}: ${t.description}) ${t.outcome}: ${t.message}`))) : "");
  }

  function questionCard(q, index, evidence, modelAnswer) {
    const card = el("article", { class: "card question", "aria-labelledby": `q-${index}` });
    card.append(el("h3", { id: `q-${index}`, text: `${index + 1}. ${q.question}` }),
      el("p", { class: "meta", text: `${q.topic.replaceAll("-", " ")} · ${q.round_id.replaceAll("_", " ")}` }),
      el("p", { class: "score-line" }, el("strong", { class: "score", text: scoreText(q) })));
    if (q.override) {
      card.append(el("p", { class: "override" },
        el("strong", { text: `Reviewer score ${fmt(q.override.score)}` }),
        ` (machine score ${fmt(q.machine_score)}): `, q.override.note));
    }
    const pieces = evidence ? [
      ...evidence.key_points.map((k) => k.evidence),
      ...(evidence.contradictions || []).map((c) => c.evidence),
      ...(evidence.red_flags || []).map((f) => f.evidence),
    ] : q.covered.map((k) => k.evidence);
    q.answers.forEach((answer, i) => {
      card.append(el("h4", { text: i === 0 ? "Your answer" : "Your follow-up answer" }),
        highlighted(answer, pieces));
    });
    if (q.code) card.append(codeBlock(q.code));
    if (q.hints_used.length) card.append(el("p", { class: "help", text: `Hints used: ${q.hints_used.length}` }));
    if (evidence) {
      card.append(scoreCard(evidence, { title: "Why this score", modelAnswer }));
    } else {
      if (q.missed.length) {
        card.append(el("h4", { text: "Missed" }),
          el("ul", {}, q.missed.map((k) => el("li", { class: "point missing", text: k.text }))));
      }
      if (modelAnswer) card.append(Mockint.modelAnswerBlock(modelAnswer));
    }
    q.notes.forEach((n) => card.append(el("p", { class: "note", text: n })));
    return card;
  }

  function latestEvidence(turns) {
    const found = {};
    for (const t of turns) {
      if (t.evidence) found[`${t.evidence.rubric_id}@${t.evidence.rubric_version}`] = t.evidence;
    }
    return found;
  }

  async function load() {
    if (!auth) {
      showError(error, "This browser holds no key to this report: open it from the interview, or sign in as a reviewer.");
      return;
    }
    try {
      const [report, transcript, answers] = await Promise.all([
        api(`${base}/report`, { auth }),
        api(`${base}/transcript`, { auth }),
        api(`/web/sessions/${encodeURIComponent(sid)}/model-answers`, { auth }),
      ]);
      render(report, transcript, answers);
    } catch (e) {
      showError(error, e);
    }
  }

  function render(report, transcript, answers) {
    const o = report.overall;
    document.getElementById("overall").hidden = false;
    document.getElementById("overall-score").textContent = fmt(o.score);
    document.getElementById("overall-band").textContent = o.band;
    document.getElementById("recommendation").textContent = o.recommendation.label;
    document.getElementById("reasons").replaceChildren(
      ...o.recommendation.reasons.map((r) => el("li", { text: r })));
    const notes = [`${report.track_title}${report.candidate_name ? ` · ${report.candidate_name}` : ""}`];
    if (report.status !== "finished") notes.push("interview still in progress: the report so far");
    if (report.ended_early) notes.push("ended early");
    if (o.machine_score !== o.score) notes.push(`machine score without reviewer overrides: ${fmt(o.machine_score)}`);
    document.getElementById("overall-note").textContent = notes.join(" · ");
    const scored = (lines) => lines.filter((l) => l.score !== null);
    document.getElementById("rounds-chart").replaceChildren(bars(scored(report.rounds), "Score per round"));
    document.getElementById("competencies-chart").replaceChildren(
      bars(scored(report.competencies), "Score per competency"));
    const evidence = latestEvidence(transcript.turns);
    const model = Object.fromEntries(answers.map((a) => [`${a.rubric_id}@${a.rubric_version}`, a.model_answer]));
    document.getElementById("questions").replaceChildren(...report.questions.map((q, i) => {
      const key = `${q.rubric_id}@${q.rubric_version}`;
      return questionCard(q, i, evidence[key], model[key]);
    }));
    const study = report.study_topics.map((t) => el("li", {},
      el("strong", { text: t.topic.replaceAll("-", " ") }), ` — ${fmt(t.points_lost)} points lost`,
      t.missed.length ? el("ul", {}, t.missed.map((m) => el("li", { text: m }))) : null));
    document.getElementById("study").replaceChildren(
      ...(study.length ? study : [el("li", { text: "Nothing stands out: keep practising across topics." })]));
    root.dataset.ready = "true";
  }

  document.getElementById("print").addEventListener("click", () => window.print());
  document.getElementById("download-md").addEventListener("click", async () => {
    try {
      const text = await api(`/web/sessions/${encodeURIComponent(sid)}/report.md`, { auth, accept: "text/markdown" });
      const url = URL.createObjectURL(new Blob([text], { type: "text/markdown" }));
      const link = el("a", { href: url, download: `mockint-report-${sid}.md` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      showError(error, e);
    }
  });
  load();
});
