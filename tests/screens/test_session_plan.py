"""Session preparation from the case overview (p): tick exercises, see the total, save on the
case, export the one-page plan; and the handout key (h)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, SelectionList, Static

from srt_tui.app import SrtApp
from srt_tui.screens.handout_preview import HandoutPreviewScreen
from srt_tui.content.model import ContentPack
from srt_tui.screens.case_overview import CaseOverviewScreen
from srt_tui.screens.session_plan import SessionPlanScreen
from tests.screens.helpers import settle
from tests.screens.seed import seeded_store


async def _open_plan(pilot, case_id: str = "case-first") -> SessionPlanScreen:
    await settle(pilot)
    pilot.app.open_case(case_id)
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionPlanScreen)
    return screen


async def test_plan_ticks_total_and_saves_on_escape(app: SrtApp, pack: ContentPack) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_plan(pilot)
        listing = screen.query_one("#plan-exercises", SelectionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert prompts[0] == pack.modules[0].title  # a module heading first
        assert any(p.startswith("F01") and "✓" in p for p in prompts)  # done in the seeded session
        assert "Engaged well. [link=x]y[/] stays literal." in str(screen.query_one("#plan-last", Static).render())
        assert "Notice one moment" in str(screen.query_one("#plan-task", Static).render())
        listing.focus()
        await pilot.press("down", "space", "down", "down", "space")  # past the heading: F01, F03
        await pilot.pause()
        chosen = screen.chosen()
        assert len(chosen) == 2
        minutes = sum(pack.exercise(i).minutes for i in chosen)  # type: ignore[union-attr]
        assert f"about {minutes} minutes" in str(screen.query_one("#plan-total", Static).render())
        screen.query_one("#plan-note", Input).value = "Recap [b]calm[/b] first"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen)
        case = app.store.get_case("case-first")
        assert case.next_plan == chosen and case.next_plan_note == "Recap [b]calm[/b] first"
        await settle(pilot)
        shown = str(app.screen.query_one("#next-plan", Static).render())
        assert chosen[0] in shown and f"({minutes} min)" in shown and "Recap [b]calm[/b] first" in shown
        await pilot.press("p")  # the saved plan comes back ticked
        await settle(pilot)
        assert app.screen.chosen() == chosen  # type: ignore[attr-defined]


async def test_plan_export_writes_a_page(tmp_path: Path, pack: ContentPack) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), pack, export_dir=tmp_path / "exports")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_plan(pilot)
        screen.query_one("#plan-exercises", SelectionList).select(pack.exercises[2].id)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.click("#md")
        await settle(pilot)
        [page] = (tmp_path / "exports").glob("plan-*.md")
        assert pack.exercises[2].title in page.read_text(encoding="utf-8")
        assert app.store.get_case("case-first").next_plan == [pack.exercises[2].id]


async def test_handout_key_writes_the_handout(tmp_path: Path, pack: ContentPack) -> None:
    app = SrtApp(seeded_store(tmp_path / "data"), pack, export_dir=tmp_path / "exports")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.open_case("case-first")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HandoutPreviewScreen)
        await pilot.press("x")
        await settle(pilot)
        await pilot.click("#html")
        await settle(pilot)
        [page] = (tmp_path / "exports").glob("handout-*.html")
        text = page.read_text(encoding="utf-8")
        assert pack.exercise("F01").key_points[0].split()[0] in text  # type: ignore[union-attr]
        assert "Engaged well" not in text and "Prefers short chunks" not in text and "X100001" not in text
        app.open_case("case-second")  # no sessions: says so, writes nothing
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, CaseOverviewScreen)
        assert len(list((tmp_path / "exports").glob("handout-*"))) == 1


def test_plan_snapshot(snap_compare, app: SrtApp) -> None:
    async def open_plan(pilot) -> None:
        await _open_plan(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_plan)
