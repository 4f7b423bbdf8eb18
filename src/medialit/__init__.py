"""Media Literacy Lab's helper package: loading the corpus and annotations, answer widgets, self-checks, metrics
and plotting helpers, the offline web of lesson 07. Importing it is cheap: each name is imported on first use.

    import medialit as ml
    docs = ml.load_documents()
    lab = ml.lesson("01-corpus")
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    # corpus
    "load_documents": "corpus", "load_comments": "corpus", "raw_text": "corpus", "body_text": "corpus",
    "text_at": "corpus", "find_spans": "corpus", "document_ids": "corpus", "doc_id": "corpus",
    # annotations
    "load_annotations": "annotations", "annotations_available": "annotations", "disputed": "annotations",
    "validate_row": "annotations", "read_layer_file": "annotations", "LAYERS": "annotations",
    # reference data
    "load_places": "reference", "load_borders": "reference",
    # lessons, widgets, answers, self-check
    "lesson": "lesson", "Lesson": "lesson", "read_answers": "answers", "AnswerFile": "answers",
    "text_units": "widgets", "folded": "widgets", "display_order": "widgets", "run_checks": "check",
    # metrics and plots
    "precision_recall": "metrics", "span_matches": "metrics", "semeval_span_scores": "metrics",
    "cohen_kappa": "metrics",
    "bar_counts": "plots", "describe_figure": "figures",
    "draw_relay_graph": "graphs",
    # maps (lesson 03)
    "draw_map": "geo", "mark_places": "geo", "border_points": "geo",
    # the picture archive (lesson 03)
    "load_archive": "images", "image_path": "images", "camera": "images", "Camera": "images", "show_images": "images",
    "load_light_claims": "images", "SAME_PICTURE_BITS": "images",
    # the offline web and move logs (lesson 07)
    "load_web": "web", "load_references": "web", "move_log": "web", "load_class_moves": "web",
    # the pre/post test (issue #21)
    "assessment_items": "assessment", "folded_items": "assessment",
    # the capstone (08-capstone)
    "capstone_sentences": "capstone", "capstone_comments": "capstone", "CAPSTONE_ARTICLE": "capstone",
    "TECHNIQUE_LABELS": "capstone", "COMMENT_LABELS": "capstone",
    # data location
    "data_dir": "_paths",
    # errors
    "MediaLitError": "errors", "DataError": "errors", "DataMissingError": "errors",
    "AnnotationsUnavailable": "errors", "AnswerFileError": "errors", "CheckFailed": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'medialit' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
