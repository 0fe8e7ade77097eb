"""A transcript as Markdown or HTML, for people reading it outside the API.

Everything the candidate wrote is untrusted: HTML output escapes every value (`html.escape`), and
Markdown output puts answers in blockquotes with Markdown control characters escaped, so an answer
can neither inject markup nor forge a heading or a score line.
"""

from __future__ import annotations

import html
import re

from api.schemas import TranscriptPublic, TurnPublic

MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>])")
"""Inline markup, links, headings, tables and raw HTML; enough to keep text plain."""


def md_escape(text: str) -> str:
    """Inline text: markup escaped and line breaks folded, so it cannot start a line of its own."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))


def _md_quote(text: str) -> str:
    return "\n".join(f"> {md_escape(line)}" if line else ">" for line in text.splitlines()) or ">"


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


def markdown(t: TranscriptPublic) -> str:
    out = [f"# Interview {t.session_id}", "",
           f"- track: {md_escape(t.track)}", f"- candidate: {md_escape(t.candidate_name)}",
           f"- status: {t.status}", ""]
    out += [md_escape(m) for m in t.opening] + [""]
    for turn in t.turns:
        out += [f"## Turn {turn.n}", "", f"**Question:** {md_escape(turn.question)}", "",
                "**Answer:**", "", _md_quote(turn.answer), "", f"*{md_escape(_score_line(turn))}*",
                ""]
        if turn.evidence is not None:
            for kp in turn.evidence.key_points:
                mark = "met" if kp.met else "missed"
                ev = f" — evidence: {md_escape(kp.evidence)}" if kp.met and kp.evidence else ""
                out.append(f"- {mark}: {md_escape(kp.text)}{ev}")
            out.append("")
        out += [md_escape(m) for m in turn.messages] + [""]
    return "\n".join(out)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_turn(turn: TurnPublic) -> str:
    points = ""
    if turn.evidence is not None:
        items = "".join(
            f"<li class=\"{'met' if kp.met else 'missed'}\">{_e(kp.text)}"
            + (f"<br><small>evidence: {_e(kp.evidence)}</small>" if kp.met and kp.evidence
               else "") + "</li>"
            for kp in turn.evidence.key_points)
        points = f"<ul>{items}</ul>"
    replies = "".join(f"<p>{_e(m)}</p>" for m in turn.messages)
    return (f"<section><h2>Turn {turn.n}</h2><p><strong>Question:</strong> {_e(turn.question)}"
            f"</p><blockquote>{_e(turn.answer)}</blockquote><p><em>{_e(_score_line(turn))}</em>"
            f"</p>{points}{replies}</section>")


def html_page(t: TranscriptPublic) -> str:
    opening = "".join(f"<p>{_e(m)}</p>" for m in t.opening)
    turns = "".join(_html_turn(turn) for turn in t.turns)
    return ("<!doctype html><html><head><meta charset=\"utf-8\">"
            f"<title>Interview {_e(t.session_id)}</title></head><body>"
            f"<h1>Interview {_e(t.session_id)}</h1><p>track {_e(t.track)}, candidate "
            f"{_e(t.candidate_name)}, {_e(t.status)}</p>{opening}{turns}</body></html>")
