"""A transcript as Markdown or HTML, for people reading it outside the API.

Everything the candidate wrote is untrusted and goes through `api.richtext`: HTML escapes every
value and keeps an answer's paragraphs, line breaks, lists and code; Markdown puts answers in
blockquotes with markup escaped and fenced code kept, so an answer can neither inject markup nor
forge a heading or a score line.
"""

from __future__ import annotations

from api.richtext import answer_html, answer_markdown, e, md_inline, page
from api.schemas import TranscriptPublic, TurnPublic

md_escape = md_inline
"""Inline Markdown text (kept under its old name for the report's Markdown)."""


def _score_line(turn: TurnPublic) -> str:
    if turn.score is None:
        return "not scored"
    line = f"score {turn.score:g}/100 (band {turn.band})"
    if turn.rubric_id:
        line += f", rubric {turn.rubric_id} v{turn.rubric_version}"
    if turn.override is not None:
        line += (f"; reviewer override of the machine score {turn.machine_score:g}: "
                 f"{turn.override.note}")
    return line


def _evidence(turn: TurnPublic) -> list[str | None]:
    if turn.evidence is None:
        return []
    return [*(kp.evidence for kp in turn.evidence.key_points if kp.met),
            *(c.evidence for c in turn.evidence.contradictions),
            *(f.evidence for f in turn.evidence.red_flags)]


def markdown(t: TranscriptPublic) -> str:
    out = [f"# Interview {t.session_id}", "",
           f"- track: {md_escape(t.track)}", f"- candidate: {md_escape(t.candidate_name)}",
           f"- status: {t.status}", ""]
    out += [md_escape(m) for m in t.opening] + [""]
    for turn in t.turns:
        out += [f"## Turn {turn.n}", "", f"**Question:** {md_escape(turn.question)}", "",
                "**Answer:**", "", answer_markdown(turn.answer), "",
                f"*{md_escape(_score_line(turn))}*", ""]
        if turn.evidence is not None:
            for kp in turn.evidence.key_points:
                mark = "met" if kp.met else kp.status
                ev = f" — evidence: {md_escape(kp.evidence)}" if kp.met and kp.evidence else ""
                out.append(f"- {mark}: {md_escape(kp.text)}{ev}")
            out.append("")
        out += [md_escape(m) for m in turn.messages] + [""]
    return "\n".join(out)


_CLASS = {"met": "met", "partial": "missed", "missing": "missed", "contradicted": "wrong"}
_MARK = {"met": "✓", "partial": "~", "missing": "–", "contradicted": "✗"}


def _html_turn(turn: TurnPublic) -> str:
    points = ""
    if turn.evidence is not None:
        items = "".join(
            f"<li class=\"{_CLASS[kp.status if not kp.met else 'met']}\">"
            f"{_MARK[kp.status if not kp.met else 'met']} {e(kp.text)}"
            + (f"<br><small>evidence: “{e(kp.evidence)}”</small>" if kp.met and kp.evidence
               else "") + "</li>"
            for kp in turn.evidence.key_points)
        points = f"<ul class=\"points\">{items}</ul>"
    replies = "".join(f"<p>{e(m)}</p>" for m in turn.messages)
    return (f"<section class=\"card\"><h2>Turn {turn.n}</h2>"
            f"<p><strong>Question:</strong> {e(turn.question)}</p>"
            f"<h4>Answer</h4>{answer_html(turn.answer, _evidence(turn))}"
            f"<p class=\"score\">{e(_score_line(turn))}</p>{points}"
            f"<h4>Interviewer</h4>{replies}</section>")


def html_page(t: TranscriptPublic, *, report_link: str | None = None) -> str:
    opening = "".join(f"<p>{e(m)}</p>" for m in t.opening)
    turns = "".join(_html_turn(turn) for turn in t.turns)
    link = f" · <a href=\"{e(report_link)}\">report</a>" if report_link else ""
    body = (f"<h1>Interview transcript</h1><p class=\"meta\">{e(t.track)} · candidate "
            f"{e(t.candidate_name) or '–'} · {e(t.status.replace('_', ' '))} · session "
            f"{e(t.session_id)}{link}</p><section class=\"card\">{opening}</section>{turns}")
    return page(f"Interview {t.session_id}", body)
