"""The post-test: the pre-test's partly answered test (00-pretest.py), for the post-test's number and form."""

import runpy
from pathlib import Path

PARTIAL = runpy.run_path(str(Path(__file__).with_name("00-pretest.py")))["partial"](99, "B")
