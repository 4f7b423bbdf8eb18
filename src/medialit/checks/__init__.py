"""Visible checks, one module per lesson (``lesson01`` …). They check the form of an answer, never hold it."""
