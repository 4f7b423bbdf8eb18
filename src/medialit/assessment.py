"""The pre/post test's items as students see them (issue #21): ``ml.assessment_items("A", part=1)``.

Two parallel forms, A and B, of 20 constructed items each (datasets/assessment/items.jsonl; the datasheet says how
they were made). Nothing here says which items should be flagged: the key is on the teacher's side. A form is taken
in four parts of five items, in the file's order.
"""

from __future__ import annotations

from ._paths import data_file, read_rows
from .errors import MediaLitError

FORMS = ("A", "B")
PARTS = 4
# what a student answers for each item (``lab.judge``): a verdict and how sure
VERDICTS = (("Holds up as it stands", "pass"), ("Flag it", "flag"))
CONFIDENCE = ("guessing", "unsure", "fairly sure", "certain")  # 1 … 4
FOLDED_KINDS = ("comment",)  # reader comments are folded: some hold hateful words (the lesson's content note)
ITEM_FIELDS = {"id": str, "form": str, "kind": str, "source": str, "text": str}


def _rows() -> list[dict]:
    return read_rows(data_file("assessment", "items.jsonl"), ITEM_FIELDS)


def assessment_items(form: str, part: int | None = None) -> dict[str, str]:
    """{item id: what the student reads} of one form (or of one of its four parts), in order: where the item
    appeared, then its text."""
    if form not in FORMS:
        raise MediaLitError(f"The test has forms {' and '.join(FORMS)}; found {form!r}.")
    mine = [r for r in _rows() if r["form"] == form]
    if part is not None:
        if part not in range(1, PARTS + 1):
            raise MediaLitError(f"A form has parts 1 to {PARTS}; found {part!r}.")
        size = -(-len(mine) // PARTS)
        mine = mine[(part - 1) * size: part * size]
    return {r["id"]: f"{r['source']}\n\n{r['text']}" for r in mine}


def folded_items(form: str) -> set[str]:
    """The items of a form shown folded (reader comments)."""
    return {r["id"] for r in _rows() if r["form"] == form and r["kind"] in FOLDED_KINDS}
