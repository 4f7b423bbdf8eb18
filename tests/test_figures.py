"""Figures every student can read: the text alternative made from a figure or given with describe_figure, the
numbers table, the audit (text contrast, colour as the only cue), the palette, and how a kernel shows a figure.
(Every lesson's figures, as its solution shows them, are checked in test_notebooks.py.)"""

import html
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import medialit as ml
from medialit import figures

COUNTS = pd.Series({"000": 39, "001": 2, "002": 0, "003": 21, "004": 2})


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_a_bar_chart_is_described_by_its_title_axes_and_every_value():
    ax = ml.bar_counts(COUNTS, title="Reader comments per document", xlabel="document", ylabel="comments")
    alt = figures.alt_text(ax.figure)
    assert alt.startswith("Reader comments per document.")
    assert "comments by document" in alt
    assert "000: 39; 001: 2; 002: 0; 003: 21; 004: 2." in alt


def test_panels_are_described_in_turn_so_a_missing_bar_is_heard():
    fig, (left, right) = plt.subplots(1, 2)
    ml.bar_counts(COUNTS, title="A", xlabel="document", ax=left)
    ml.bar_counts(COUNTS.drop("002"), title="B", xlabel="document", ax=right)
    alt = figures.alt_text(fig)
    first, second = alt.split("Panel 2 of 2: ")
    assert first.startswith("Panel 1 of 2: A.") and "002: 0" in first
    assert second.startswith("B.") and "002" not in second


def test_grouped_bars_name_their_group_and_the_table_is_wide():
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 4], width=0.4, label="killed")
    ax.bar([0.4, 1.4], [5, 6], width=0.4, label="injured")
    ax.set_xticks([0, 1], ["Fars", "SANA"])
    ax.set(title="Figures by outlet", ylabel="people")
    alt = figures.alt_text(fig)
    assert "Fars, killed: 3" in alt and "SANA, killed: 4" in alt
    table = figures._table(fig)[0][1]
    assert list(table.columns) == ["", "killed"] or "killed" in table.columns


def test_many_values_are_cut_short_in_the_alt_text_but_all_are_in_the_table():
    counts = pd.Series(range(1, 31), index=[f"d{i:02d}" for i in range(30)])
    ax = ml.bar_counts(counts, title="Thirty bars", xlabel="document")
    alt = figures.alt_text(ax.figure)
    assert "d11: 12" in alt and "d12: 13" not in alt and "18 more (all in the table below)" in alt
    markup, meta = figures.figure_html(ax.figure)
    assert markup.count("<td>d") == 30 and "The numbers in this figure" in markup


def test_a_description_given_by_the_lesson_comes_first_with_its_table():
    fig, ax = plt.subplots()
    ax.imshow([[1, 2], [3, 4]], cmap="Greys")
    ax.set_title("Rates per outlet")
    table = pd.DataFrame({"loaded": [1.0, 3.0], "doubt": [2.0, 4.0]}, index=["A", "B"])
    assert ml.describe_figure(ax, "B uses both techniques most.", table=table) is ax
    alt = figures.alt_text(fig)
    assert alt == "Rates per outlet: B uses both techniques most. The numbers are in the table under the figure."
    markup, _ = figures.figure_html(fig)
    assert "<th>loaded</th>" in markup and "<th>B</th>" in markup


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_describe_figure_wants_a_sentence(bad):
    _, ax = plt.subplots()
    with pytest.raises(ml.MediaLitError, match="sentence"):
        ml.describe_figure(ax, bad)


def test_describe_figure_names_what_it_got_instead_of_a_figure():
    with pytest.raises(ml.MediaLitError, match="found list"):
        ml.describe_figure([1, 2], "A sentence.")


def test_an_untitled_plot_says_it_has_no_title_and_counts_its_lines():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [1, 2])
    assert figures.alt_text(fig) == "A figure without a title. 1 line."


def test_a_relay_graph_is_described_by_its_arrows():
    ax = ml.draw_relay_graph([("SANA", "Fars"), ("Fars", "Veterans Today")], title="Who relays whom")
    alt = figures.alt_text(ax.figure)
    assert alt.startswith("Who relays whom: 2 arrows") and "SANA → Fars; Fars → Veterans Today." in alt


def test_pale_text_is_found_and_text_in_its_own_white_box_is_not():
    fig, ax = plt.subplots()
    ax.set_title("Contrast")
    ax.imshow([[0, 0], [0, 0]], cmap="Greys", vmin=0, vmax=1, extent=(0, 1, 0, 1))  # white
    ax.text(0.2, 0.5, "pale", color="#aaaaaa")
    ax.fill_between([0.5, 1], 0, 1, color="black")
    ax.text(0.6, 0.5, "boxed", color="black", bbox={"facecolor": "white"})
    ax.text(0.8, 0.2, "dark on dark", color="#333333")
    problems = figures.audit(fig)
    assert any("'pale'" in p and "needs 4.5:1" in p for p in problems), problems
    assert any("'dark on dark'" in p for p in problems), problems
    assert not any("boxed" in p for p in problems), problems


def test_large_text_needs_three_to_one():
    fig, ax = plt.subplots()
    ax.text(0.1, 0.5, "big grey", color="#888888", fontsize=20)  # 3.5:1 on white
    ax.text(0.1, 0.2, "small grey", color="#888888", fontsize=10)
    problems = " ".join(figures.audit(fig))
    assert "small grey" in problems and "big grey" not in problems


def test_lines_told_apart_by_colour_alone_are_found():
    fig, ax = plt.subplots()
    ax.set_title("Two sources")
    ax.plot([1, 2], [1, 2], color="red", label="ministry")
    ax.plot([1, 2], [2, 3], color="green", label="monitor")
    ax.legend()
    problems = figures.audit(fig)
    assert any(p.startswith("lines in 'Two sources' differ by colour alone") for p in problems), problems
    assert any(p.startswith("legend entries") for p in problems), problems


def test_the_kit_style_gives_each_line_its_own_style_so_the_audit_passes():
    figures.use_kit_style()
    try:
        fig, ax = plt.subplots()
        for n in range(len(figures.PALETTE)):
            ax.plot([0, 1], [n, n + 1], label=f"series {n}")
        ax.legend()
        assert figures.audit(fig) == []
        looks = {(line.get_color(), line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}
        assert len({c for c, *_ in looks}) == len({tuple(rest) for _, *rest in looks}) == len(figures.PALETTE)
    finally:
        plt.rcdefaults()


def test_hatched_bars_with_a_legend_pass():
    fig, ax = plt.subplots()
    ax.bar([0], [1], color="#c6dbef", hatch="//", label="a")
    ax.bar([1], [2], color="#fdd0a2", hatch="..", label="b")
    ax.legend()
    assert figures.audit(fig) == []


def test_scatter_groups_are_told_apart_by_their_marker_not_by_colour_alone():
    """A scatter plot's legend handles have a width per point and a path for a marker (once crashed the audit)."""
    fig, ax = plt.subplots()
    ax.set_title("Two groups")
    ax.scatter([0, 1], [0, 1], marker="o", label="few")
    ax.scatter([0, 1], [1, 0], marker="s", label="many")
    ax.legend()
    assert figures.audit(fig) == []
    fig, ax = plt.subplots()
    ax.set_title("Two groups")
    ax.scatter([0, 1], [0, 1], marker="o", label="few")
    ax.scatter([0, 1], [1, 0], marker="o", label="many")
    ax.legend()
    assert any(p.startswith("legend entries in 'Two groups' differ by colour alone") for p in figures.audit(fig))


@pytest.mark.parametrize("colour", figures.PALETTE)
def test_every_palette_colour_keeps_three_to_one_against_white(colour):
    assert figures.contrast(colour, "white") >= 3.0


def test_contrast_is_the_wcag_ratio():
    assert figures.contrast("black", "white") == pytest.approx(21.0)
    assert figures.contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)  # the classic 4.5:1 grey


def test_a_kernel_shows_a_figure_as_an_img_with_alt_text_and_no_bare_png():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        assert figures.install(shell)
        ax = ml.bar_counts(COUNTS, title="Reader comments per document", xlabel="document")
        data, meta = shell.display_formatter.format(ax.figure)
        assert "image/png" not in data
        alt = meta["text/html"]["medialit"]["alt"]
        assert meta["text/html"]["medialit"]["problems"] == []
        assert re.search(r"<img src='data:image/png;base64,[A-Za-z0-9+/=]+' alt='([^']*)'", data["text/html"]) \
            .group(1) == html.escape(alt, quote=True)
        assert data["text/plain"] == f"Figure: {alt}"
    finally:
        InteractiveShell.clear_instance()
        plt.rcdefaults()


def test_outside_ipython_install_does_nothing():
    assert figures.install() is False


def test_the_kits_drawings_pass_the_audit(in_tmp):
    """What the kit draws outside the lessons' own cells: a relay graph, and the map of the map-point widget with a
    student's point and its label on it."""
    ax = ml.draw_relay_graph([("Syrian army command", "SANA"), ("SANA", "Fars News Agency")], title="Relays")
    assert figures.audit(ax.figure) == []
    point = ml.lesson("90-figures").map_point("m", "Where?", places={"Palmyra": (34.55, 38.27)})
    point.value = [34.5, 38.0]
    assert figures.audit(point._figure) == []


def test_a_panel_of_a_subfigure_is_described_on_the_figure_shown():
    fig = plt.figure()
    ax = fig.subfigures(1, 2)[1].subplots()
    ax.set_title("Right")
    ml.describe_figure(ax, "The right-hand panel.")
    assert figures.alt_text(fig) == "Right: The right-hand panel."


def test_horizontal_bars_name_their_columns_by_their_axes():
    fig, ax = plt.subplots()
    ax.barh(["Fars", "SANA"], [13, 3])
    ax.set(title="Attributions", xlabel="number of attributions", ylabel="outlet")
    (title, table), = figures._table(fig)
    assert list(table.columns) == ["outlet", "number of attributions"] and table.values.tolist() == [["Fars", 13],
                                                                                                      ["SANA", 3]]
