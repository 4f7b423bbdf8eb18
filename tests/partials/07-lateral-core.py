"""Lesson 07's no-code track: a partly right answer file for the nbgrader round trip (see tests/partials/README.md).
No cells: the core track asks for no code. The investigation is the data track's partial one (07-lateral.py)."""

import runpy
from pathlib import Path

DATA = runpy.run_path(str(Path(__file__).with_name("07-lateral.py")))["PARTIAL"]["answers"]

PARTIAL = {"cells": {}, "answers": DATA}
