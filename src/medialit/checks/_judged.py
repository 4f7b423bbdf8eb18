"""The visible checks both tests share (00-pretest, 99-posttest): the form of a part's answer, never its verdicts."""

from __future__ import annotations

from ..assessment import FORMS, PARTS, assessment_items


def _each_judged(part: int):
    def check(value) -> bool:
        forms = [form for form in FORMS if set(value) <= set(assessment_items(form, part))]
        if not forms:
            raise ValueError("the answer holds items that are not this part's")
        missing = [item for item in assessment_items(forms[0], part)
                   if not isinstance(value.get(item), dict) or None in (value[item].get("verdict"),
                                                                        value[item].get("confidence"))]
        if missing:
            raise ValueError(f"still to answer in full: {', '.join(missing)}")
        return True
    return check


def CHECKS_FOR(number: int) -> dict:  # noqa: N802 (a table, named like the CHECKS it makes)
    return {f"{number}.{part}": [("is the widget's answer", lambda v: isinstance(v, dict) and bool(v)),
                                 ("every item of the part has a verdict and how sure", _each_judged(part))]
            for part in range(1, PARTS + 1)}
