"""The main window: menus, the welcome screen, and the sidebar with its screens."""

from collections.abc import Mapping
from importlib import import_module
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QWidget

from .. import __version__
from ..paths import config_dir, data_dir, documents_dir, log_dir
from ..report import ReportError
from ..services.project import OpenProject
from ..settings import Settings
from ..store import DamagedFileError, NotWritableError, ProjectFileError, ProjectLockedError
from . import backups as backups_ui
from . import dialogs, risky_places
from .icons import decorate_actions
from .overview import OverviewScreen
from .personal_data_hint import PersonalDataHints
from .sections import SECTIONS
from .sidebar import Sidebar
from .startup import when_painted
from .signals import ProjectSignals
from .undo import UndoActions
from .welcome import WelcomeScreen
from .zoom import Zoom

FILE_ERRORS = (ProjectFileError, ReportError, OSError, ValueError)

# Each section's screen but the Overview's: (module, class), imported and built on the
# section's first visit (MainWindow.screen), so the window is ready sooner.
SCREENS = {
    "child_journey": (".journey_screen", "JourneyScreen"),
    "context_journeys": (".journey_screen", "JourneyScreen"),
    "levels": (".levels_screen", "LevelsScreen"),
    "system_review": (".review_screen", "ReviewScreen"),
    "values": (".values_screen", "ValuesScreen"),
    "actions": (".actions_screen", "ActionsScreen"),
    "roadmap": (".roadmap_screen", "RoadmapScreen"),
    "export": (".export_screen", "ExportScreen"),
}


class JourneyScreens(Mapping):
    """window.journey_screens[key]: the child or context journeys' screen, built on first
    use like every screen but the Overview."""

    KEYS = ("child_journey", "context_journeys")

    def __init__(self, window: "MainWindow"):
        self._window = window

    def __getitem__(self, key: str):
        if key not in self.KEYS:
            raise KeyError(key)
        return self._window.screen(key)

    def __iter__(self):
        return iter(self.KEYS)

    def __len__(self) -> int:
        return len(self.KEYS)


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None):
        super().__init__()
        self.settings = settings or Settings()
        self.project: OpenProject | None = None
        self.signals: ProjectSignals | None = None
        self.export_window = None  # the Export dialog, once asked for
        self.undo_actions = UndoActions(self)
        self.zoom = Zoom(self.settings)
        self.backup_keeper = backups_ui.BackupKeeper(self)
        self._build_actions()
        self._build_menus()
        # made now: made by the first "Saved to…", it would lay the whole window out again
        # in the middle of typing
        self.statusBar()
        self._build_screens()
        self.personal_data_hints = PersonalDataHints(self)  # warns at any text field
        self._restore_geometry()
        self._update_state()

    # ----- building -----

    def _action(self, text, slot, shortcut=None, name="") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setObjectName(name)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action("&New Project…", self.new_project, K.New, "new")
        self.act_open = self._action("&Open…", self.open_dialog, K.Open, "open")
        self.act_demo = self._action("Open the &Demo Project", self.open_demo, None, "demo")
        self.act_copy = self._action("Save a &Copy As…", self.save_copy, K.SaveAs, "save_copy")
        self.act_export = self._action("&Export Report…", self.export_dialog, "Ctrl+E", "export")
        self.act_backups = self._action("&Backups…", self.show_backups, None, "backups")
        self.act_copy_back = self._action(
            "Copy Back to Ori&ginal…", lambda: risky_places.copy_back(self, self.project),
            None, "copy_back")
        self.act_close = self._action("&Close Project", self.close_project, K.Close, "close")
        self.act_quit = self._action("&Quit", self.close, K.Quit, "quit")
        self.act_quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.act_undo = self.undo_actions.undo
        self.act_redo = self.undo_actions.redo
        self.addActions([self.act_undo, self.act_redo])
        self.act_zoom_in = self._action("Zoom &In", lambda: self.zoom.step(+1), K.ZoomIn, "zoom_in")
        self.act_zoom_out = self._action("Zoom &Out", lambda: self.zoom.step(-1), K.ZoomOut,
                                         "zoom_out")
        self.act_zoom_reset = self._action("&Actual Size", self.zoom.reset, "Ctrl+0", "zoom_reset")
        self.act_goto = []
        for i, section in enumerate(SECTIONS, start=1):
            act = self._action(section.title, lambda _=False, k=section.key: self.show_section(k),
                               f"Ctrl+{i}", f"go_{section.key}")
            self.act_goto.append(act)
        self.act_about = self._action("&About csdesk", self.about, None, "about")
        self.act_files = self._action("Where csdesk Keeps &Files", self.where_files, None, "files")
        decorate_actions(self.actions())

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.act_new, self.act_open])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.act_demo)
        file_menu.addSeparator()
        file_menu.addActions([self.act_copy, self.act_export, self.act_backups,
                              self.act_copy_back])
        file_menu.addSeparator()
        file_menu.addActions([self.act_close, self.act_quit])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.act_undo, self.act_redo])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.act_zoom_in, self.act_zoom_out, self.act_zoom_reset])
        go_menu = bar.addMenu("&Go")
        go_menu.addActions(self.act_goto)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.act_about, self.act_files])

    def _build_screens(self) -> None:
        self.welcome = WelcomeScreen()
        self.welcome.new_requested.connect(self.new_project)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_chosen.connect(self.open_path)

        self.sidebar = Sidebar()
        self.screens = QStackedWidget()
        self.overview = OverviewScreen()
        # Only the Overview is built before the window is ready; every other screen on its
        # first visit (SCREENS, screen()). An empty stand-in holds its place till then.
        self._built: dict[str, QWidget] = {"overview": self.overview}
        self._screen_index: dict[str, int] = {}
        self.journey_screens = JourneyScreens(self)  # the child and context journeys
        self.project_screens = [self.overview]  # showing the open project: attach(), detach()
        for section in SECTIONS:
            screen = self.overview if section.key == "overview" else QWidget()
            screen.setObjectName(f"screen_{section.key}")
            self._screen_index[section.key] = self.screens.addWidget(screen)
        self.sidebar.section_chosen.connect(
            lambda key: self.screens.setCurrentWidget(self.screen(key)))

        self.workspace = QSplitter()
        self.workspace.addWidget(self.sidebar)
        self.workspace.addWidget(self.screens)
        self.workspace.setStretchFactor(1, 1)
        self.workspace.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("M")
        self.workspace.setSizes([em * 16, em * 60])

        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.workspace)
        self.setCentralWidget(self.pages)

    def screen(self, key: str) -> QWidget:
        """The section's screen, built on first use (a visit, a shortcut, a test reaching
        in) and attached to the open project at once."""
        screen = self._built.get(key)
        if screen is None:
            screen = self._built[key] = self._make_screen(key)
            screen.setObjectName(f"screen_{key}")
            index = self._screen_index[key]
            stand_in = self.screens.widget(index)
            self.screens.insertWidget(index, screen)
            self.screens.removeWidget(stand_in)
            stand_in.deleteLater()
            if hasattr(screen, "attach"):
                self.project_screens.append(screen)
                if self.project is not None:
                    screen.attach(self.project, self.signals)
        return screen

    def _make_screen(self, key: str) -> QWidget:
        section = next(s for s in SECTIONS if s.key == key)
        if key not in SCREENS:
            from .placeholder import PlaceholderScreen

            return PlaceholderScreen(section)
        module, name = SCREENS[key]
        make = getattr(import_module(module, __package__), name)
        if key == "export":
            return make(self.act_export)
        if key in JourneyScreens.KEYS:
            screen = make(key)
            screen.follow_requested.connect(self.open_stage)
            return screen
        return make()

    levels = property(lambda self: self.screen("levels"))
    review = property(lambda self: self.screen("system_review"))
    values = property(lambda self: self.screen("values"))
    actions_screen = property(lambda self: self.screen("actions"))
    roadmap_screen = property(lambda self: self.screen("roadmap"))
    export_screen = property(lambda self: self.screen("export"))

    # ----- state -----

    def _update_state(self) -> None:
        has = self.project is not None
        for act in (self.act_copy, self.act_export, self.act_backups, self.act_close,
                    *self.act_goto):
            act.setEnabled(has)
        self.act_copy_back.setEnabled(has and bool(risky_places.describe(self.project)))
        self.pages.setCurrentWidget(self.workspace if has else self.welcome)
        if has:
            d = self.project.details()
            ro = (" [read-only]" if self.project.readonly else "") + risky_places.describe(
                self.project)
            name = self.project.path.name
            self.setWindowTitle(f"{d.local_area}: {d.title} – {name}{ro} – csdesk")
        else:
            self.setWindowTitle("csdesk")
            self.welcome.set_recent(self.settings.recent_files())

    def _project_changed(self, changes) -> None:
        if "project" in changes.tables:  # the title bar shows the area and title
            self._update_state()
        # No Save button: say, quietly, that each change is already on disk.
        self.statusBar().showMessage(f"Saved to {self.project.path.name}", 4000)

    def open_stage(self, journey_id: int, stage_id: int) -> None:
        """Follow an arrow from one journey to a stage of another (child <-> context)."""
        for key, screen in self.journey_screens.items():
            if screen.open_stage(journey_id, stage_id):
                self.show_section(key)
                return

    def current_section(self) -> str | None:
        return self.sidebar.current_key() if self.project else None

    def show_section(self, key: str) -> None:
        if self.project is not None:
            self.sidebar.select(key)

    # ----- opening and closing -----

    def open_path(self, path: Path, readonly: bool = False) -> bool:
        """Open a project, asking what to do if it is locked or read-only on disk."""
        path = Path(path)
        if self.project is not None and self.project.path == path.resolve():
            return True
        try:
            try:
                project = OpenProject.open(path, readonly=readonly)
            except ProjectLockedError as exc:
                choice = dialogs.ask_locked(self, str(exc))
                if choice is None:
                    return False
                project = OpenProject.open(path, readonly=choice == "readonly",
                                           take_over_lock=choice == "take_over")
            except NotWritableError as exc:
                if not dialogs.ask_readonly(self, str(exc)):
                    return False
                project = OpenProject.open(path, readonly=True)
        except DamagedFileError as exc:  # say so, and offer the newest good backup
            restored = backups_ui.offer_newest_backup(self, path, str(exc))
            return self.open_path(restored) if restored else False
        except FILE_ERRORS as exc:
            dialogs.error(self, str(exc), "Cannot open project")
            if not path.exists():
                self.settings.remove_recent(path)
                self._update_state()
            return False
        self.close_project()
        self._attach(project)
        local = risky_places.offer_local_copy(self, project)  # on a network or synced drive
        return self.open_path(local) if local else True

    def _attach(self, project: OpenProject) -> None:
        self.project = project
        self.signals = ProjectSignals(project, self)
        self.signals.changed.connect(self._project_changed)
        self.undo_actions.attach(project)
        for screen in self.project_screens:
            screen.attach(project, self.signals)
        if not project.readonly:
            self.settings.add_recent(project.path)
        self._update_state()
        self.show_section("overview")
        # The backup on open copies and checks the whole file: once the Overview is on screen.
        when_painted(self, lambda: self.project is project and self.backup_keeper.attach(project))
        if project.backup:
            self.statusBar().showMessage(
                f"Updated to this version's file format. The original was kept as "
                f"{project.backup.name}.")

    def close_project(self) -> None:
        if self.project is None:
            return
        for screen in self.project_screens:
            screen.detach()  # a half-typed edit is saved first, while the lock is ours
        risky_places.before_close(self, self.project)
        self.backup_keeper.detach()
        self.undo_actions.detach()
        self.signals.detach()
        self.signals.deleteLater()
        self.project.close()
        self.project = self.signals = None
        self._update_state()

    def open_dialog(self) -> None:
        recent = self.settings.recent_files()
        path = dialogs.open_path(self, recent[0].parent if recent else documents_dir())
        if path:
            self.open_path(path)

    def open_demo(self) -> None:
        folder = data_dir()
        if self.project is not None and self.project.path.parent == folder.resolve():
            self.close_project()
        from ..services.demo import fresh_demo

        try:
            path = fresh_demo(folder)
        except FILE_ERRORS as exc:
            dialogs.error(self, str(exc), "Cannot open the demo project")
            return
        self.open_path(path)

    def new_project(self) -> None:
        from .new_project import NewProjectWizard

        folder = documents_dir()
        self.wizard = NewProjectWizard(folder, self)
        self.wizard.accepted.connect(self._create_from_wizard)
        self.wizard.open()  # window-modal without blocking: the event loop keeps running

    def _create_from_wizard(self) -> None:
        from ..services.project import new_project

        area, title, marking, path = self.wizard.answers()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path = new_project(path, title, area, marking)
        except FILE_ERRORS as exc:
            dialogs.error(self, str(exc), "Cannot create project")
            return
        self.open_path(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for i, path in enumerate(recent, start=1):
            act = self.recent_menu.addAction(f"&{i % 10} {path.name}")
            act.setToolTip(str(path))
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            self.recent_menu.addAction("No recent projects").setEnabled(False)

    # ----- file commands -----

    def save_copy(self) -> None:
        if self.project is None:
            return
        p = self.project.path
        dest = dialogs.save_path(self, "Save a Copy As", p.with_name(f"{p.stem} copy.csdesk"),
                                 dialogs.PROJECT_FILTER)
        if not dest:
            return
        try:
            written = self.project.save_copy(dest)
        except FILE_ERRORS as exc:
            dialogs.error(self, str(exc), "Cannot save a copy")
            return
        self.statusBar().showMessage(f"Saved a copy as {written}")

    def show_backups(self) -> None:
        if self.project is not None:
            self.backups_dialog = backups_ui.BackupsDialog(self.project.path, self,
                                                           self.open_path)
            self.backups_dialog.open()

    def export_dialog(self) -> None:
        """The Export dialog (non-blocking: the export runs in its worker thread), after the
        checks to make before anything leaves the project (check_before_export)."""
        from .personal_data_dialog import check_before_export

        if self.project is None or not check_before_export(self):
            return
        from .export_dialog import ExportDialog

        self.export_window = ExportDialog(self.project, self.settings, self)
        self.export_window.exported.connect(
            lambda path: self.statusBar().showMessage(f"Exported {path}"))
        self.export_window.setWindowModality(Qt.WindowModality.WindowModal)
        self.export_window.show()

    # ----- help -----

    def about(self) -> None:
        dialogs.info(self, f"csdesk {__version__}\n\nMap, RAG rate and plan a local area's move "
                           "to a Contextual Safeguarding system. Works fully offline; each "
                           "project is one file.", "About csdesk")

    def where_files(self) -> None:
        dialogs.info(self, "Your projects are wherever you save them (each is one .csdesk file)."
                           f"\n\nSettings and recent files: {config_dir()}"
                           f"\nThe demo project, backups and local copies: {data_dir()}"
                           f"\nThe log: {log_dir()}", "Where csdesk keeps files")

    # ----- geometry -----

    def _restore_geometry(self) -> None:
        saved = self.settings.get("geometry")
        if not (saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode()))):
            area = QGuiApplication.primaryScreen().availableGeometry()
            self.resize(int(area.width() * 0.85), int(area.height() * 0.85))
            self.move(area.center() - self.rect().center())
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """A window saved on a projector or second monitor may reopen off every screen:
        bring it back, whole, onto the screen it overlaps (or the primary one)."""
        frame = self.frameGeometry()
        screen = next((s for s in QGuiApplication.screens()
                       if s.availableGeometry().intersects(frame)),
                      QGuiApplication.primaryScreen())
        area = screen.availableGeometry()
        self.resize(min(self.width(), area.width()), min(self.height(), area.height()))
        frame = self.frameGeometry()
        self.move(min(max(frame.left(), area.left()), area.right() - frame.width() + 1),
                  min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1))

    def closeEvent(self, event) -> None:
        self.settings.set("geometry", bytes(self.saveGeometry().toBase64()).decode())
        self.close_project()
        super().closeEvent(event)
