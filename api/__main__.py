"""`python -m api serve`: the same as `mockint-api serve`."""

from api.cli import main

raise SystemExit(main())
