"""`mockint-api`: the service's own command line (serve, cleanup).

It lives on the API's side so that the engine's command line (`bot/cli.py`) never imports the
web or database stack: `bot/` stays importable, and quick to start, without them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from bot.errors import MockintError
from bot.settings import Settings, load_settings


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from api.server import serve

    serve(settings, host=args.host or settings.host, port=args.port or settings.port,
          workers=args.workers or settings.workers)
    return 0


def cmd_cleanup(args: argparse.Namespace, settings: Settings) -> int:
    from api.maintenance import cleanup

    done = cleanup(settings)
    sys.stdout.write(f"{done.abandoned} idle sessions marked abandoned, "
                     f"{done.keys_dropped} expired idempotency keys deleted\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mockint-api", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="start the HTTP service")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="processes (default MOCKINT_WORKERS, 1)")
    serve.set_defaults(func=cmd_serve)
    cleanup = commands.add_parser("cleanup", help="mark idle sessions abandoned and delete "
                                  "expired idempotency keys (safe to run from cron)")
    cleanup.set_defaults(func=cmd_cleanup)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace, Settings], int] = args.func
    try:
        return func(args, load_settings())
    except MockintError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
