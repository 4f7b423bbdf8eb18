"""Visible checks of the pre-test (00-pretest): every item of a part answered. They never say whether a verdict is right."""

from __future__ import annotations

from ._judged import CHECKS_FOR

CHECKS = CHECKS_FOR(0)
