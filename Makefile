# Media Literacy Lab. The two commands that matter: `make lab` and `make test` (see README.md).
# Everything runs from the kit's own virtual environment in .venv, made on first use from python3 >= 3.11.

PYTHON ?= python3
VENV   := .venv
BIN    := $(abspath $(VENV))/bin
STAMP  := $(VENV)/.installed
# nbgrader shells out to alembic (and the tests to jupyter), so the venv's bin goes first on PATH.
export PATH := $(BIN):$(PATH)
WORK   := work
# Jupyter refuses to run as root unless told; containers and CI often are root. Add your own with LAB_ARGS=...
LAB_ARGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: help venv lab test browser lessons clean release import autograde feedback grades report assessment student-bundle

help:
	@echo "make lab      set up .venv if needed and open JupyterLab on the kit (your answers live in $(WORK)/)"
	@echo "make test     set up .venv if needed and run every test"
	@echo "make browser  install Chromium (Debian's package) for the browser tests in tests/e2e"
	@echo "make lessons  check the exercise declarations, write src/medialit/exercises.json, regenerate lessons/"
	@echo "make clean    remove .venv, caches and grading run-time files (never your $(WORK)/ answers)"
	@echo "instructor (see README, Classroom use with nbgrader):"
	@echo "make release LESSON=01-corpus                 student version + lesson in the gradebook"
	@echo "                                              (LESSON=01-corpus-core: the same lesson's no-code track;"
	@echo "                                              LESSON=00-pretest [FORM=B]: the pre-test, in form A or B)"
	@echo "make import LESSON=01-corpus FROM=x.zip [ROSTER=roster.csv]   Canvas/Moodle zip or folder -> grading/submitted/"
	@echo "make autograde LESSON=01-corpus [WORKERS=n] [FORCE=1] [CLUSTER=tcp://host:8786]   parallel, sandboxed,"
	@echo "                                              trusted scores (CLUSTER: on a Dask cluster; 'local' here)"
	@echo "make feedback LESSON=01-corpus                HTML feedback: results in words, no keys"
	@echo "make grades | make report | make student-bundle"
	@echo "make assessment [RESPONSES=x.csv] [MIST=mist.csv] [NAMES=1] [SIMULATE=1]   the pre/post test analysed"
	@echo "  every grading target takes GRADEBOOK=postgresql://user@host/db (default: SQLite, grading/gradebook.db)"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Media Literacy Lab needs Python 3.11 or newer; found " + sys.version.split()[0] + ". Run: make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

venv: $(STAMP)

# A self-learner works in a git-ignored copy of lessons/ (work/), made on first run; a lesson added by a later
# `git pull` is copied in next time, and nothing in work/ is ever overwritten, so pulling never meets your answers.
$(WORK):
	@mkdir -p $(WORK)

lab: $(STAMP) | $(WORK)
	@$(BIN)/python -m medialit_grader assignments >/dev/null
	@for d in lessons/*/; do n=$$(basename $$d); [ -e $(WORK)/$$n ] || { cp -r $$d $(WORK)/$$n && echo "copied lessons/$$n to $(WORK)/$$n"; }; done
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url="/lab/tree/$(WORK)" $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadgroup

# The browser tests (tests/e2e) drive Debian's Chromium at /usr/bin/chromium; without it `make test` skips them.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ -x $(CHROMIUM) ]; then echo "Chromium is installed: $(CHROMIUM)"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y chromium; \
	else echo "Installing Chromium needs root. Run:"; echo "  sudo apt-get update && sudo apt-get install -y chromium"; exit 1; fi

# Two assignments per lesson, both from the one source solutions/NN-slug/NN-slug.ipynb: NN-slug (data track) and
# NN-slug-core (no-code track; its nbgrader source solutions/NN-slug-core/ is generated, git-ignored).
lessons: $(STAMP)
	$(BIN)/python -m medialit_grader lessons

clean:
	rm -rf $(VENV) .pytest_cache build dist src/*.egg-info test-output
	rm -rf grading/gradebook.db* grading/submitted grading/autograded grading/feedback grading/exports
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# -- instructor workflow (src/medialit_grader, on top of nbgrader's API) ---------------------------------------------------
# GRADEBOOK=<SQLAlchemy URL> (e.g. postgresql://grader@db.example.org/gradebook) keeps the gradebook in that database
# instead of grading/gradebook.db, for every target below; set it on the command line or export it.
TOOLS := $(BIN)/python -m medialit_grader $(if $(GRADEBOOK),--gradebook '$(GRADEBOOK)')

release: $(STAMP)
	$(TOOLS) release $(LESSON) $(if $(FORM),--form $(FORM))

import: $(STAMP)
	$(TOOLS) import $(LESSON) "$(FROM)" $(if $(ROSTER),--roster "$(ROSTER)")

autograde: $(STAMP)
	$(TOOLS) autograde $(LESSON) $(if $(WORKERS),--workers $(WORKERS)) $(if $(FORCE),--force) $(if $(CLUSTER),--cluster '$(CLUSTER)')

feedback: $(STAMP)
	$(TOOLS) feedback $(LESSON)

grades: $(STAMP)
	$(TOOLS) grades

report: $(STAMP)
	$(TOOLS) report

assessment: $(STAMP)
	$(TOOLS) assessment $(if $(RESPONSES),--responses "$(RESPONSES)") $(if $(MIST),--mist "$(MIST)") $(if $(NAMES),--names) $(if $(SIMULATE),--simulate)

student-bundle: $(STAMP)
	$(TOOLS) student-bundle
