"""``python -m medialit answers PATH ...``: print the widget answers in answer files or folders (for teachers)."""

from __future__ import annotations

import sys

from .errors import MediaLitError


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) < 2 or argv[0] != "answers":
        print("usage: python -m medialit answers PATH [PATH ...]\n"
              "  Prints every widget answer found in answers-*.json files under the given files or folders,\n"
              "  e.g. python -m medialit answers grading/submitted", file=sys.stderr)
        return 2
    from .answers import read_answers

    try:
        frame = read_answers(*argv[1:])
    except MediaLitError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if frame.empty:
        print("No answer files found.")
        return 0
    import pandas as pd

    with pd.option_context("display.max_colwidth", 80, "display.width", 200):
        print(frame.drop(columns=["file"]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
