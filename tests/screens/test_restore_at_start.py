"""Damaged or missing case files, inside the app: shown at start (and from the palette) with
an offer to restore the newest good backup; never in demo mode, no restore when read-only."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Button, Static

from srt_tui.app import SrtApp
from srt_tui.content.model import ContentPack
from srt_tui.demo import DemoMode, DemoWorkspace
from srt_tui.dialogs.message import MessageDialog
from srt_tui.dialogs.restore import RestoreDialog
from srt_tui.records import backup as backups
from srt_tui.records import store as store_module
from srt_tui.records.audit import read_events
from srt_tui.records.doctor import Damage
from srt_tui.records.model import Case
from srt_tui.records.store import RecordStore
from srt_tui.screens.case_list import CaseListScreen
from tests.demo.conftest import DEMO_TODAY
from tests.screens.helpers import listed_refs, open_session, palette, settle
from tests.screens.seed import FIXED_START, seeded_store

HOSTILE = ("[b]X[/b]", "[@click=app.quit]x[/]")


def case_file(data: Path, case_id: str) -> Path:
    return data / "cases" / f"{case_id}.json"


def fingerprints(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def dialog_text(app: SrtApp) -> str:
    return str(app.screen.query_one("#damage", Static).render())


def buttons(app: SrtApp) -> list[str]:
    return [str(button.label) for button in app.screen.query(Button)]



@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The seeded caseload, backed up once (an earlier start), then released."""
    store = seeded_store(tmp_path / "data")
    store.backup("start")
    store.close()
    return store.data_dir


async def test_all_well_shows_no_dialog(data: Path, pack: ContentPack) -> None:
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert not app._notifications


async def test_a_damaged_case_is_offered_and_restoring_puts_it_back(data: Path, pack: ContentPack) -> None:
    good = case_file(data, "case-second").read_bytes()
    case_file(data, "case-second").write_bytes(b'{"case": ')
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        text = dialog_text(app)
        assert "Case X100002: its file is damaged (not valid JSON)." in text
        assert "Newest good copy: the backup of " in text
        assert str(data / "damaged") in text.replace("\n", "")
        assert buttons(app) == ["Restore from backup", "Not now"]
        assert not app._notifications  # the dialog says it; no toast pointing at the shell
        await pilot.click("#restore")
        await settle(pilot)
        assert isinstance(app.screen, MessageDialog)
        message = str(app.screen.query_one("#message", Static).render())
        [aside] = (data / "damaged").iterdir()
        assert message.startswith("• Restored case X100002 from the backup of ")
        assert str(aside) in message.replace("\n", "")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        app.open_case("case-second")
        await settle(pilot)
        assert app.screen.sub_title == "X100002 ([bold red]K.L.[/])"
    assert case_file(data, "case-second").read_bytes() == good
    assert aside.read_bytes() == b'{"case": '
    assert read_events(data).events[-1]["event"] == "case_restored"


async def test_a_missing_case_comes_back_into_the_list(data: Path, pack: ContentPack) -> None:
    case_file(data, "case-third").unlink()
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        assert "Case CRN-2026/0042: its file is missing." in dialog_text(app)
        app.pop_screen()  # look behind the dialog: the list has lost the case
        await settle(pilot)
        assert listed_refs(app) == ["X100001", "X100002"]
        app.check_records()  # the palette's check offers it again
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        await pilot.click("#restore")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert listed_refs(app) == ["CRN-2026/0042", "X100001", "X100002"]
    assert not (data / "damaged").exists()  # nothing to keep aside for a missing file


async def test_not_now_changes_nothing(data: Path, pack: ContentPack) -> None:
    case_file(data, "case-second").write_bytes(b"garbage")
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        before = fingerprints(data)
        await pilot.click("#not-now")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert fingerprints(data) == before
    assert case_file(data, "case-second").read_bytes() == b"garbage"


async def test_with_no_good_copy_only_ok_is_offered(data: Path, pack: ContentPack) -> None:
    for backup in backups.list_backups(data):
        backup.path.unlink()
    case_file(data, "case-first").write_bytes(b"{}")
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        assert "Case X100001: its file is damaged (it should hold exactly one case). No backup holds a good " \
               "copy." in dialog_text(app).replace("\n", " ")
        assert "nothing to restore from" in dialog_text(app)
        assert buttons(app) == ["OK"]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
    assert case_file(data, "case-first").read_bytes() == b"{}"


async def test_read_only_says_what_is_wrong_and_restores_nothing(data: Path, pack: ContentPack) -> None:
    case_file(data, "case-second").write_bytes(b"garbage")
    before = fingerprints(data)
    app = SrtApp(RecordStore(data, read_only=True), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        assert "Case X100002: its file is damaged" in dialog_text(app)
        assert "open read-only, so nothing can be restored here" in dialog_text(app)
        assert buttons(app) == ["OK"]
        await pilot.press("escape")
        await settle(pilot)
    assert fingerprints(data) == before


async def test_demo_mode_never_checks_or_offers(tmp_path: Path, pack: ContentPack) -> None:
    workspace = DemoWorkspace.create(pack, today=DEMO_TODAY, parent=tmp_path)
    store = RecordStore(workspace.records_dir)
    first = store.list_cases()[0]
    case_file(workspace.records_dir, first.id).write_bytes(b"garbage")
    app = SrtApp(store, pack, demo=DemoMode(workspace))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        await pilot.press("ctrl+p")  # lists the toolkit's commands before anything is typed
        await pilot.pause(0.5)
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        labels = [str(options.get_option_at_index(n).prompt).split("\n")[0] for n in range(options.option_count)]
        assert "How to use the toolkit" in labels and "Check and repair records" not in labels
    assert backups.list_backups(workspace.records_dir) == []


async def test_the_palette_check_finds_damage_made_after_start(data: Path, pack: ContentPack) -> None:
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await palette(pilot, "Check and repair records")
        assert isinstance(app.screen, CaseListScreen)
        assert [n.message for n in app._notifications][-1] == "Every case file reads cleanly: nothing needs restoring."
        case_file(data, "case-third").write_bytes(b"garbage")
        await palette(pilot, "Check and repair records")
        assert isinstance(app.screen, RestoreDialog)
        assert "Case CRN-2026/0042: its file is damaged (not valid JSON)." in dialog_text(app)


async def test_in_participant_view_the_offer_names_no_case(data: Path, pack: ContentPack) -> None:
    app = SrtApp(RecordStore(data), pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_session(pilot)
        await pilot.press("f12")
        await settle(pilot)
        assert app.screen.participant_view  # type: ignore[attr-defined]
        case_file(data, "case-second").write_bytes(b"garbage")
        app.check_records()  # as if the start check had finished now
        await settle(pilot)
        assert not isinstance(app.screen, RestoreDialog)
        message = [n.message for n in app._notifications][-1]
        assert "X100002" not in message and "Check and repair records" in message


async def test_hostile_references_show_literally(tmp_path: Path, pack: ContentPack,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "validate_ref", lambda ref: ref)  # as an old or hand-made file may hold
    store = RecordStore(tmp_path / "data")
    for number, ref in enumerate(HOSTILE):
        store.create_case(Case(ref=ref, alias="A.B.", referral_date=FIXED_START.date(), id=f"hostile-{number}"))
    store.backup("start")
    for number in range(len(HOSTILE)):
        case_file(store.data_dir, f"hostile-{number}").write_bytes(b"garbage")
    app = SrtApp(store, pack)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RestoreDialog)
        text = dialog_text(app)
        assert all(f"Case {ref}: its file is damaged" in text for ref in HOSTILE)
        await pilot.click("#restore")
        await settle(pilot)
        message = str(app.screen.query_one("#message", Static).render())
        assert all(f"Restored case {ref} from" in message for ref in HOSTILE)
        assert app.is_running


# -- how the dialog looks at 80x24 ------------------------------------------------------------

BACKUP = backups.Backup(Path("/records/backups/backup-20261102T100000000000Z-start.zip"),
                        datetime(2026, 11, 2, 10, 0, tzinfo=UTC), "start")
SNAPSHOT_DAMAGE = [
    Damage("case-1", HOSTILE[0], Path("/records/cases/case-1.json"), "damaged (not valid JSON)", BACKUP),
    Damage("case-2", HOSTILE[1], Path("/records/cases/case-2.json"), "missing", BACKUP),
    Damage("case-3", None, Path("/records/cases/case-3.json"), "damaged (not valid JSON)", None),
]


def test_restore_dialog_snapshot(snap_compare, app: SrtApp) -> None:
    async def show(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(RestoreDialog(SNAPSHOT_DAMAGE, Path("/records/damaged")))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=show)
