"""Instructor tooling for the Media Literacy Lab course, built on nbgrader's own API.

Run from the repository root (or through the Makefile targets):

    .venv/bin/python -m grading.tools release 01-corpus
    .venv/bin/python -m grading.tools import 01-corpus FROM [--roster roster.csv]
    .venv/bin/python -m grading.tools autograde 01-corpus [--workers N]
    .venv/bin/python -m grading.tools feedback 01-corpus
    .venv/bin/python -m grading.tools grades | report | student-bundle

Modules: ``course`` (the course folder, its nbgrader configuration and gradebook), ``intake`` (importing LMS
downloads), ``precheck`` (what is checked before a notebook runs), ``sandbox`` (how student code is confined),
``autograde`` (parallel isolated workers, verification, merging), ``feedback``, ``exports`` (grades and report),
``bundle`` (the student bundle).
"""
