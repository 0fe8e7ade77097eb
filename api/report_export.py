"""The report as Markdown and as a printable HTML page, from the same `ReportPublic` the JSON
gives, so the three never disagree.

Layout follows what a candidate reads a debrief for: the verdict and why, where the points were
won and lost (per round and per competency, as bars), then each question: the answers with the
evidence marked, what was right, what was stated wrongly and the correct statement, the
misconceptions, what was missing, the reviewer's note and the model answer; last, the study plan,
each topic linking the questions it comes from. Everything from the candidate or a rubric is
escaped (`api.richtext`); the HTML page carries no script.
"""

from __future__ import annotations

from api.richtext import answer_html, answer_markdown, bars_svg, e, md_inline, page
from api.schemas import ReportPublic, ReportQuestion

VERDICT_CLASS = {"strong_hire": "met", "hire": "met", "lean_no_hire": "missed",
                 "no_hire": "wrong"}


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _score_text(q: ReportQuestion) -> str:
    if q.score is None:
        return "not answered (the interview ended first)"
    text = f"{_num(q.score)}/100 (band {q.band})"
    if q.skipped:
        text += " — skipped" if q.skipped == "skip" else " — passed" if q.skipped == "dont_know" \
            else " — moved on after too many repeats and hints"
    return text


def _turns(q: ReportQuestion) -> list[tuple[str, str]]:
    """(what was asked, the answer) in order: the question, then each follow-up."""
    asked = [q.question, *q.follow_ups]
    return [(asked[i] if i < len(asked) else asked[-1], a) for i, a in enumerate(q.answers)]


def _evidence(q: ReportQuestion) -> list[str | None]:
    return [*(k.evidence for k in q.covered), *(c.evidence for c in q.contradictions),
            *(f.evidence for f in q.red_flags)]


def _adjustments(q: ReportQuestion) -> list[str]:
    out = [f"{a.reason}: {a.effect}" for a in q.adjustments]
    for part in q.grade_parts:
        if part.kind == "hints":
            out.append(f"{part.value:g} hint(s): {part.delta:+g} points")
        else:
            out.append(f"{part.kind} {part.value:g}/100: {part.delta:+g} points")
    return out


# Markdown ---------------------------------------------------------------------------------------

def _md_question(n: int, q: ReportQuestion) -> list[str]:
    out = [f"### {n}. {md_inline(q.question)}", "",
           f"*{md_inline(q.topic.replace('-', ' '))} · {md_inline(q.round_id)}* — "
           f"**{md_inline(_score_text(q))}**", ""]
    if q.override is not None:
        out += [f"> **Reviewer's score {_num(q.override.score)}** (machine score "
                f"{_num(q.machine_score)}; by {md_inline(q.override.by)}, on turn "
                f"{q.override.turn}): {md_inline(q.override.note)}", ""]
    for i, (asked, text) in enumerate(_turns(q)):
        if i:
            out += [f"Follow-up: *{md_inline(asked)}*", ""]
        out += [answer_markdown(text), ""]
    if q.feedback:
        out += [md_inline(q.feedback), ""]
    out += [f"- right: {md_inline(k.text)}" + (f" — you said “{md_inline(k.evidence)}”"
                                                if k.evidence else "") for k in q.covered]
    out += [f"- stated wrongly: “{md_inline(c.evidence)}” — correct statement: "
            f"{md_inline(c.correction)}" for c in q.contradictions]
    out += [f"- misconception: “{md_inline(f.evidence)}” — {md_inline(f.explanation)}"
            for f in q.red_flags]
    wrong = {c.key_point for c in q.contradictions}
    out += [f"- missing: {md_inline(k.text)}" for k in q.missed if k.id not in wrong]
    out += [f"- note: {md_inline(n)}" for n in q.notes]
    out += [f"- adjustment: {md_inline(a)}" for a in _adjustments(q)]
    if q.model_answer:
        out += ["", f"**Model answer:** {md_inline(q.model_answer)}"]
    return [*out, ""]


def report_markdown(report: ReportPublic) -> str:
    o = report.overall
    out = [f"# Interview report: {md_inline(report.track_title)}", "",
           f"- candidate: {md_inline(report.candidate_name) or '–'}",
           f"- status: {report.status.replace('_', ' ')}"
           + (" (ended early)" if report.ended_early else ""),
           f"- overall: **{_num(o.score)}/100**, band {o.band}"
           + (f" (machine score {_num(o.machine_score)} before reviewer overrides)"
              if o.machine_score != o.score else ""),
           f"- recommendation: **{md_inline(o.recommendation.label)}**", ""]
    out += [f"- {md_inline(r)}" for r in o.recommendation.reasons]
    out += ["", "## Rounds", ""]
    out += [f"- {md_inline(r.title)}: {_num(r.score)}" for r in report.rounds]
    out += ["", "## Competencies", ""]
    out += [f"- {md_inline(c.title)}: {_num(c.score)}" for c in report.competencies]
    out += ["", "## Questions", ""]
    for n, q in enumerate(report.questions, start=1):
        out += _md_question(n, q)
    out += ["## Study plan", ""]
    for t in report.study_topics:
        refs = ", ".join(f"question {n}" for n in t.questions)
        out.append(f"- **{md_inline(t.topic.replace('-', ' '))}** ({_num(t.points_lost)} points "
                   f"lost; {refs})")
        out += [f"  - stated wrongly: {md_inline(w)}" for w in t.wrong]
        out += [f"  - missed: {md_inline(m)}" for m in t.missed]
        out += [f"  - skipped question {n}: read its model answer" for n in t.skipped]
    if not report.study_topics:
        out.append("Nothing stands out: keep practising across topics.")
    return "\n".join(out) + "\n"


# HTML -------------------------------------------------------------------------------------------

def _li(cls: str, html_text: str) -> str:
    return f"<li class=\"{cls}\">{html_text}</li>"


def _html_findings(q: ReportQuestion) -> str:
    parts: list[str] = []
    if q.covered:
        parts.append("<h4>What you got right</h4><ul class=\"points\">" + "".join(
            _li("met", f"✓ {e(k.text)}" + (f"<br><small>you said “{e(k.evidence)}”</small>"
                                            if k.evidence else "")) for k in q.covered) + "</ul>")
    if q.contradictions:
        parts.append("<h4>Stated wrongly</h4><ul class=\"points\">" + "".join(
            _li("wrong", f"✗ you said “{e(c.evidence)}”: “{e(c.said)}” should be "
                         f"“{e(c.expected)}”.<br><small>Correct statement: {e(c.correction)}"
                         "</small>") for c in q.contradictions) + "</ul>")
    if q.red_flags:
        parts.append("<h4>Misconceptions</h4><ul class=\"points\">" + "".join(
            _li("wrong", f"✗ “{e(f.evidence)}” — {e(f.text)}<br><small>{e(f.explanation)}"
                         "</small>") for f in q.red_flags) + "</ul>")
    wrong = {c.key_point for c in q.contradictions}
    missed = [k for k in q.missed if k.id not in wrong]
    if missed:
        parts.append("<h4>Missing</h4><ul class=\"points\">" + "".join(
            _li("missed", f"– {e(k.text)}") for k in missed) + "</ul>")
    if q.notes:
        parts.append("<h4>How it came across</h4><ul>"
                     + "".join(f"<li>{e(n)}</li>" for n in q.notes) + "</ul>")
    adjustments = _adjustments(q)
    if adjustments:
        parts.append("<p class=\"help\">Adjustments: " + "; ".join(e(a) for a in adjustments)
                     + "</p>")
    return "".join(parts)


def _html_question(n: int, q: ReportQuestion) -> str:
    out = [f"<article class=\"card\" id=\"q-{n}\"><h3>{n}. {e(q.question)}</h3>",
           f"<p class=\"meta\">{e(q.topic.replace('-', ' '))} · {e(q.round_id)} · difficulty "
           f"{q.difficulty}</p><p class=\"score\">{e(_score_text(q))}</p>"]
    if q.override is not None:
        when = f", {q.override.at:%Y-%m-%d %H:%M} UTC" if q.override.at else ""
        out.append(f"<p class=\"override\"><strong>Reviewer's score {_num(q.override.score)}"
                   f"</strong> (machine score {_num(q.machine_score)}; by {e(q.override.by)} on "
                   f"turn {q.override.turn}{e(when)}): {e(q.override.note)}</p>")
    evidence = _evidence(q)
    for i, (asked, text) in enumerate(_turns(q)):
        out.append("<h4>Your answer</h4>" if i == 0 else
                   f"<h4>Follow-up: {e(asked)}</h4>")
        out.append(answer_html(text, evidence))
    if q.hints_used:
        out.append(f"<p class=\"help\">Hints used: {len(q.hints_used)}</p>")
    if q.feedback:
        out.append(f"<p>{e(q.feedback)}</p>")
    out.append(_html_findings(q))
    if q.model_answer:
        out.append(f"<div class=\"model\"><h4>Model answer</h4><p>{e(q.model_answer)}</p></div>")
    return "".join(out) + "</article>"


def _html_study(report: ReportPublic) -> str:
    if not report.study_topics:
        return "<p>Nothing stands out: keep practising across topics.</p>"
    items = []
    for t in report.study_topics:
        links = ", ".join(f"<a href=\"#q-{n}\">question {n}</a>" for n in t.questions)
        missed = "".join([*(f"<li class=\"wrong\">stated wrongly: {e(w)}</li>" for w in t.wrong),
                          *(f"<li>{e(m)}</li>" for m in t.missed),
                          *(f"<li>skipped question {n}: read its model answer</li>"
                            for n in t.skipped)])
        items.append(f"<li><strong>{e(t.topic.replace('-', ' '))}</strong> — "
                     f"{_num(t.points_lost)} points lost ({links})"
                     + (f"<ul>{missed}</ul>" if missed else "") + "</li>")
    return f"<ol>{''.join(items)}</ol>"


def report_html(report: ReportPublic, *, transcript_link: str | None = None) -> str:
    o = report.overall
    verdict = VERDICT_CLASS.get(o.recommendation.verdict, "")
    meta = [e(report.track_title), f"candidate {e(report.candidate_name) or '–'}",
            e(report.status.replace("_", " ")) + (" (ended early)" if report.ended_early else "")]
    if transcript_link:
        meta.append(f"<a href=\"{e(transcript_link)}\">transcript</a>")
    machine = (f"<p class=\"help\">Machine score before reviewer overrides: "
               f"{_num(o.machine_score)}</p>" if o.machine_score != o.score else "")
    rounds = [(r.title, r.score) for r in report.rounds if r.score is not None]
    competencies = [(c.title.replace("-", " "), c.score) for c in report.competencies
                    if c.score is not None]
    body = "".join([
        "<h1>Interview report</h1>", f"<p class=\"meta\">{' · '.join(meta)}</p>",
        "<section class=\"card\"><h2>Overall</h2>",
        f"<p class=\"big\">{_num(o.score)}<small>/100</small> · band {o.band}</p>",
        f"<p class=\"score {verdict}\">{e(o.recommendation.label)}</p>",
        "<ul>" + "".join(f"<li>{e(r)}</li>" for r in o.recommendation.reasons) + "</ul>",
        machine, "</section>",
        "<h2>Rounds</h2>", bars_svg(rounds, "Score per round"),
        "<h2>Competencies</h2>", bars_svg(competencies, "Score per competency"),
        "<h2>Questions</h2>",
        "".join(_html_question(n, q) for n, q in enumerate(report.questions, start=1)),
        "<h2>Study plan</h2>", _html_study(report),
    ])
    return page(f"Interview report: {report.track_title}", body)
