"""The `mockint` command line: rubric authoring tools, benchmarks and the terminal interview.

The service has its own command, `mockint-api` (`api/cli.py`), so nothing here imports `api/`.

Plain argparse: a handful of subcommands needs no framework.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import MockintError
from bot.settings import PROJECT_ROOT, Settings, load_settings

if TYPE_CHECKING:
    from bot.rubric.bank import RubricBank
    from bot.scoring.scorer import Scorer


TRUTH_SUITE = Path(__file__).resolve().parent.parent / "bench" / "truth"


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.rubric.bank import load_bank

    paths = [Path(p) for p in args.paths] or [settings.rubrics_dir]
    bank = load_bank(paths)
    for problem in bank.problems:
        _out(f"error: {problem}")
    _out(f"{len(bank)} rubrics loaded, {len(bank.problems)} problems")
    return 1 if bank.problems or not len(bank) else 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from bot.coding.problem import PROBLEM_SCHEMA_FILE, problem_schema_json
    from bot.engine.tracks import TRACK_SCHEMA_FILE, track_schema_json
    from bot.rubric.schema import SCHEMA_FILE, rubric_schema_json

    if not args.write:
        sys.stdout.write(rubric_schema_json())
        return 0
    for target, text in ((settings.rubrics_dir / SCHEMA_FILE, rubric_schema_json()),
                         (settings.tracks_dir / TRACK_SCHEMA_FILE, track_schema_json()),
                         (settings.coding_dir / PROBLEM_SCHEMA_FILE, problem_schema_json())):
        target.write_text(text, encoding="utf-8")
        _out(f"wrote {target}")
    return 0


def cmd_bench_sandbox(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench.sandbox import measure, render

    figures = measure(settings, runs=args.runs, workers=args.workers or settings.sandbox_workers,
                      problem_id=args.problem, submissions=args.submissions)
    _out(render(figures))
    if args.json:
        _out(json.dumps(figures))
    return 0


def _bank(settings: Settings) -> RubricBank:
    from bot.runtime import build_bank

    bank = build_bank(settings)
    for problem in bank.problems:
        sys.stderr.write(f"warning: {problem}\n")
    return bank


def _scorer(settings: Settings) -> Scorer:
    from bot.runtime import build_scorer

    return build_scorer(settings)


def cmd_score(args: argparse.Namespace, settings: Settings) -> int:
    rubric = _bank(settings).get(args.rubric_id)
    result = _scorer(settings).score(rubric, args.answer)
    if args.json:
        _out(result.model_dump_json(indent=2))
        return 0
    _out(f"score {result.score:.1f}/100, band {result.band}"
         + (" (insufficient evidence)" if result.insufficient_evidence else ""))
    marks = {"met": "+", "partial": "~", "missing": "-", "contradicted": "X"}
    for kp in result.key_points:
        _out(f"  {marks[kp.status]} {kp.id:<24} coverage {kp.coverage:.2f}  (semantic "
             f"{kp.semantic:.2f}, alignment {kp.alignment:.2f}, lexical {kp.lexical:.2f})")
        if kp.contradiction:
            c = kp.contradiction
            _out(f"      stated wrongly: {c.evidence!r}: said {c.said!r} where the point has "
                 f"{c.expected!r} ({c.axis})")
        elif kp.met and kp.evidence:
            _out(f"      evidence: {kp.evidence}")
    for flag in result.red_flags:
        _out(f"  ! misconception: {flag.evidence!r} ~ {flag.text!r}")
    for adj in result.adjustments:
        _out(f"  * {adj.reason}: {adj.effect}")
    if result.feedback:
        _out(f"feedback: {result.feedback}")
    return 0


def cmd_contrasts(args: argparse.Namespace, settings: Settings) -> int:
    """What the scorer reads in a rubric: its axes and each point's and misconception's poles."""
    from bot.scoring.contrast import Reader
    from bot.scoring.prepared import axes_of, point_signature

    rubric = _bank(settings).get(args.rubric_id)
    axes = axes_of(rubric)
    reader = Reader(axes)
    for axis in axes:
        poles = {}
        for keys, pole in axis.terms:
            poles.setdefault(pole, []).append(" ".join(keys))
        _out(f"axis {axis.id} ({axis.kind}, {axis.origin}): "
             + "; ".join(f"{p}: {', '.join(t[:6])}" for p, t in poles.items()))

    def show(sig: dict) -> str:
        return ", ".join(f"{a}={'/'.join(sorted(p))}" for a, p in sorted(sig.items())) or "(none)"

    for kp in rubric.effective_key_points():
        _out(f"point {kp.id}: {show(point_signature(kp, reader))}")
    for flag in rubric.red_flags:
        spans = reader.read(flag.text)
        _out(f"misconception {flag.text[:60]!r}: "
             + " | ".join(show(dict(s.signature)) for s in spans))
    if args.answer:
        from bot.scoring.segment import segment

        for piece in segment(args.answer):
            for span in reader.read(piece.text):
                _out(f"answer span {span.text!r}: {show(dict(span.signature))}")
    return 0


def cmd_calibrate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench.calibrate import calibrate

    bank = _bank(settings)
    rubrics = [bank.get(i) for i in args.rubric_ids] if args.rubric_ids else list(bank)
    summary = calibrate(_scorer(settings), [r for r in rubrics if r.examples])
    for o in summary.outcomes:
        mark = "ok" if abs(o.band - o.expected) <= 1 else "OFF"
        _out(f"{o.rubric_id:<40} #{o.index} expected {o.expected} got {o.band} "
             f"({o.score:5.1f}) {mark}  {o.note or ''}")
    _out(f"examples {summary.n}: exact {summary.exact:.1%}, within one {summary.within_one:.1%}, "
         f"spearman {summary.spearman:.3f}, misordered rubrics {len(summary.misordered_rubrics)}"
         + (f" ({', '.join(summary.misordered_rubrics)})" if summary.misordered_rubrics else ""))
    if args.json:
        _out(summary.model_dump_json(exclude={"outcomes"}))
    return 0


def cmd_table(args: argparse.Namespace, settings: Settings) -> int:
    """Prints the README's bank table, or writes it between the README's markers."""
    from bot.rubric.table import bank_table, with_table

    table = bank_table(_bank(settings))
    if not args.write:
        _out(table)
        return 0
    readme = Path(args.readme)
    try:
        readme.write_text(with_table(readme.read_text(encoding="utf-8"), table),
                          encoding="utf-8")
    except (OSError, ValueError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    _out(f"bank table written to {readme}")
    return 0


def cmd_asag(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench.asag import benchmark, read_graded, write_predictions

    records = read_graded(Path(args.data))
    summary, scored = benchmark(_scorer(settings), records)
    _out(f"n={summary['n']} questions={summary['questions']}")
    if "pearson" in summary:
        base, held = summary["baseline"], summary["leave_one_question_out"]
        _out(f"mockint scorer: pearson {summary['pearson']:.3f}  spearman "
             f"{summary['spearman']:.3f}  rmse {summary['rmse']:.3f}")
        _out(f"  fusion refitted leaving each question out: pearson {held['pearson']:.3f}")  # type: ignore[index]
        _out(f"baseline (cosine answer vs reference): pearson {base['pearson']:.3f}  "  # type: ignore[index]
             f"spearman {base['spearman']:.3f}  rmse {base['rmse']:.3f}")  # type: ignore[index]
    else:
        for name in ("scorer", "baseline"):
            row = summary[name]
            _out(f"{name:<8} ROC AUC correct vs contradictory "
                 f"{row['auc_correct_vs_contradictory']:.3f}  correct vs the rest "  # type: ignore[index]
                 f"{row['auc_correct_vs_rest']:.3f}")  # type: ignore[index]
    if args.predictions:
        write_predictions(Path(args.predictions), scored)
        _out(f"predictions written to {args.predictions}")
    if args.json:
        _out(json.dumps(summary))
    return 0


def cmd_truth(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench.truth import read_suite, run, summarise

    cases = read_suite(Path(args.data))
    results = run(_scorer(settings), _bank(settings), cases)
    summary = summarise(results)
    if args.verbose:
        for r in results:
            _out(f"{r.rubric:<44} correct {r.correct:5.1f} (b{r.correct_band})  wrong "
                 f"{r.wrong:5.1f} (b{r.wrong_band})  short "
                 + (f"{r.short:5.1f} (b{r.short_band})" if r.short is not None else "-"))
    _out(f"{summary['rubrics']} rubrics, {summary['short_answers']} short answers")
    for key in ("pair_margin_ok", "wrong_band_le2", "correct_band_ge4", "short_band_ge2",
                "mean_margin"):
        _out(f"  {key:<18} {summary[key]}")
    _out("worst cases (correct - wrong):")
    for w in summary["worst"]:  # type: ignore[attr-defined]
        _out(f"  {w['rubric']:<44} {w['error']:<10} correct {w['correct']:5.1f}  "
             f"wrong {w['wrong']:5.1f}")
    if args.json:
        _out(json.dumps(summary))
    return 0


def cmd_http(args: argparse.Namespace, settings: Settings) -> int:
    """Runs bench/http_load.py: a script beside the other benchmarks, not part of the package."""
    import importlib.util

    path = TRUTH_SUITE.parent / "http_load.py"
    spec = importlib.util.spec_from_file_location("mockint_http_load", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return int(module.main(list(args.options)))


def cmd_fit(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench.asag import fit, read_graded
    from bot.scoring.fusion import FUSION_FILE

    data = Path(args.data)
    target = FUSION_FILE if args.write else None
    model = fit(_scorer(settings), read_graded(data), write_to=target, data=data)
    _out(f"knees   {tuple(round(k, 4) for k in model.knees)}")
    _out(f"weights {tuple(round(w, 4) for w in model.weights)}")
    _out(f"anchors nothing {model.nothing:.4f}, complete {model.complete:.4f}")
    if target is not None:
        _out(f"wrote {target} and {target.with_name('fusion_features.npz')}")
    return 0


def cmd_interview(args: argparse.Namespace, settings: Settings) -> int:
    from bot.terminal import main_loop

    return main_loop(settings, track=args.track, seed=args.seed, name=args.name, live=args.live,
                     server=args.server, resume=args.resume, token=args.token)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mockint", description=__doc__)
    groups = parser.add_subparsers(dest="group", required=True)

    rubric = groups.add_parser("rubric", help="validate, inspect and try rubrics")
    rsub = rubric.add_subparsers(dest="command", required=True)
    p = rsub.add_parser("validate", help="check rubric files; exits 1 on any problem")
    p.add_argument("paths", nargs="*")
    p.set_defaults(func=cmd_validate)
    p = rsub.add_parser("schema", help="print the rubric JSON Schema; --write updates the "
                        "rubric, track and coding-problem schema files")
    p.add_argument("--write", action="store_true")
    p.set_defaults(func=cmd_schema)
    p = rsub.add_parser("score", help="score an answer against a rubric")
    p.add_argument("rubric_id")
    p.add_argument("--answer", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_score)
    p = rsub.add_parser("contrasts", help="show the contrasts read in a rubric (and an answer)")
    p.add_argument("rubric_id")
    p.add_argument("--answer")
    p.set_defaults(func=cmd_contrasts)
    p = rsub.add_parser("calibrate", help="score rubrics' examples against their expected bands")
    p.add_argument("rubric_ids", nargs="*")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_calibrate)

    p = rsub.add_parser("table", help="the README's bank table (rounds, topics, counts, "
                        "difficulty); --write updates README.md")
    p.add_argument("--write", action="store_true")
    p.add_argument("--readme", default=str(PROJECT_ROOT / "README.md"))
    p.set_defaults(func=cmd_table)

    bench = groups.add_parser("bench", help="benchmarks on graded data")
    bsub = bench.add_subparsers(dest="command", required=True)
    p = bsub.add_parser("asag", help="short-answer grading: correlation with human grades")
    p.add_argument("--data", required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--predictions")
    p.set_defaults(func=cmd_asag)
    p = bsub.add_parser("truth", help="correctness suite: correct vs fluent wrong answers")
    p.add_argument("--data", default=str(TRUTH_SUITE))
    p.add_argument("--json", action="store_true")
    p.add_argument("--verbose", "-v", action="store_true")
    p.set_defaults(func=cmd_truth)
    p = bsub.add_parser("http", add_help=False,
                        help="answers over HTTP: ready time, RSS, one turn vs encode, answers/s "
                        "(bench/http_load.py; --help for its options)")
    p.add_argument("options", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_http)
    p = bsub.add_parser("sandbox", help="coding sandbox: overhead per submission (median) and "
                        "submissions per second")
    p.add_argument("--runs", type=int, default=40)
    p.add_argument("--workers", type=int, help="default: MOCKINT_SANDBOX_WORKERS")
    p.add_argument("--problem", default="sorted-pair-sum")
    p.add_argument("--submissions", type=int, default=8)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench_sandbox)
    p = bsub.add_parser("fit", help="fit the fusion weights on a graded file and print them")
    p.add_argument("--data", required=True)
    p.add_argument("--write", action="store_true",
                   help="save them to bot/scoring/fusion.json with the data's hashes")
    p.set_defaults(func=cmd_fit)

    interview = groups.add_parser(
        "interview", help="practise an interview in the terminal, against a server or in this "
        "process; end each answer with an empty line or Ctrl-D")
    interview.add_argument("--track", default="ml-engineer")
    interview.add_argument("--seed", type=int, help="same seed and answers, same interview "
                           "(default: a random one)")
    interview.add_argument("--name", default="")
    interview.add_argument("--live", action="store_true", help="show feedback after each answer")
    interview.add_argument("--server", help="hold it on this mockint server, e.g. "
                           "http://127.0.0.1:8000 (saved there, so it can be resumed)")
    interview.add_argument("--resume", metavar="SESSION_ID", help="carry on this session "
                           "(with --server and --token)")
    interview.add_argument("--token", help="the session's candidate token, printed at its start")
    interview.set_defaults(func=cmd_interview)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:2] == ["bench", "http"]:  # its options (--help too) are bench/http_load.py's
        return cmd_http(argparse.Namespace(options=argv[2:]), load_settings())
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace, Settings], int] = args.func
    try:
        return func(args, load_settings())
    except MockintError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
