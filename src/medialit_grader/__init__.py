"""Instructor tooling for the Media Literacy Lab course, built on nbgrader's own API.

Run from the repository root (or through the Makefile targets):

    .venv/bin/python -m medialit_grader release 01-corpus
    .venv/bin/python -m medialit_grader import 01-corpus FROM [--roster roster.csv]
    .venv/bin/python -m medialit_grader autograde 01-corpus [--workers N]
    .venv/bin/python -m medialit_grader feedback 01-corpus
    .venv/bin/python -m medialit_grader grades | report | student-bundle
    .venv/bin/python -m medialit_grader exercises            (check the declarations; write medialit/exercises.json)
    .venv/bin/python -m medialit_grader try 01-corpus NOTEBOOK  (score one notebook as the grader would; authors)

The grader's own package, for teachers: installed with the kit, never in the student bundle or the grading sandbox
(it holds the answer keys and scoring rules).

Modules: ``exercises`` and ``lessons/`` (every graded exercise, declared once: id, cell, points, answer kind, key,
rule, hint), ``trusted`` (the two grading stages: probes in the sandbox, scoring here), ``course`` (the course
folder, its nbgrader configuration and gradebook), ``intake`` (importing LMS downloads), ``precheck`` and
``_nbsafe`` (reading what students hand in as untrusted data), ``sandbox`` (how student code is confined),
``autograde`` (parallel isolated workers, trusted scoring, merging), ``feedback``, ``exports`` (grades and report),
``bundle`` (the student bundle).
"""
