"""The pre-test: a partly answered test for the round trip (see tests/partials/README.md). The test is graded for
completion: part 1 answered in full, part 2 with one item's confidence missing, part 3 with verdicts only, part 4
not touched. The post-test's partial (99-posttest.py) is the same, made by `partial` for its form."""

from medialit import assessment_items


def partial(number: int, form: str) -> dict:
    """The partly answered test of the test numbered ``number`` ("0.1" …), released in ``form``."""
    parts = {part: list(assessment_items(form, part)) for part in (1, 2, 3)}
    return {
        "cells": {},
        "answers": {
            f"{number}.1": {item: {"verdict": "flag" if n % 2 else "pass", "confidence": 3}
                            for n, item in enumerate(parts[1])},
            f"{number}.2": {item: {"verdict": "pass", "confidence": None if n == 0 else 2}
                            for n, item in enumerate(parts[2])},
            f"{number}.3": {item: {"verdict": "flag", "confidence": None} for item in parts[3]},
        },
    }


PARTIAL = partial(0, "A")  # the form the source releases
