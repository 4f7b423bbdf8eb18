"""The post-test (99-posttest, issue #21): one form of the assessment in four parts, graded for completion.

Its exercises are declared by ``medialit_grader.assessment.declare``, the one home of both tests' declarations.
"""

from __future__ import annotations

from ..assessment import declare

LESSON = "99-posttest"
EXERCISES = declare(LESSON)
