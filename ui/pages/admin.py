"""The Administration page: the staff (users), the unit's settings, the letter templates, the
checklist of the uppstartsmöte, gallring, backups, and the logs (changes per user, log review)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bobudget.db.engine import Database
from bobudget.follow_up.rules import parse_checklist
from bobudget.follow_up.startup_meetings import (
    ChecklistTemplateView,
    default_checklist,
    get_checklist_template,
    save_checklist_template,
)
from bobudget.kernel.errors import ConflictError, DomainError
from bobudget.kernel.formatting import format_timestamp

from ..changes import run_change
from ..kit import Choice, ask_about_conflict

if TYPE_CHECKING:
    from ..admin.backup import BackupEditor
    from ..admin.history import UserChanges
    from ..admin.letter_templates import TemplateEditor
    from ..admin.log_review import LogReview
    from ..admin.retention import RetentionEditor
    from ..admin.unit_settings import UnitSettingsEditor

log = logging.getLogger(__name__)


class ChecklistEditor(QWidget):
    """One item per line; saved as a whole, never over someone else's saved edit."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.template: ChecklistTemplateView | None = None
        title = QLabel("Checklista för uppstartsmötet")
        title.setObjectName("sectionTitle")
        help_text = QLabel(
            "En punkt per rad, i den ordning de gås igenom. Nya uppstartsmöten får checklistan "
            "som den ser ut när mötet planeras; möten som redan har planerats behåller sina "
            "punkter."
        )
        help_text.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Checklistans punkter, en per rad")
        self.editor.textChanged.connect(self._count)
        self.editor.setMinimumHeight(260)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setAccessibleName("Checklistans status")
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = QPushButton("&Spara checklistan")
        self.save_button.clicked.connect(self.save)
        self.default_button = QPushButton("&Återställ standardlistan")
        self.default_button.setToolTip("Fyller i standardpunkterna; spara för att använda dem.")
        self.default_button.clicked.connect(self.fill_default)
        self.undo_button = QPushButton("Å&ngra ändringarna")
        self.undo_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for b in (self.save_button, self.default_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(help_text)
        layout.addWidget(self.error)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        try:
            self.template = get_checklist_template(self._db)
        except DomainError as error:
            self._show_error(str(error))
            return
        self.error.hide()
        self.editor.setPlainText("\n".join(self.template.items))
        self._count()

    def _count(self) -> None:
        items = parse_checklist(self.editor.toPlainText())
        template = self.template
        origin = "standardlistan"
        if template is not None and not template.is_default and template.updated_at:
            origin = (
                f"sparad {format_timestamp(template.updated_at)} av "
                f"{template.updated_by or 'okänd'}"
            )
        self.status.setText(f"{len(items)} punkter – {origin}")

    def fill_default(self) -> None:
        try:
            self.editor.setPlainText("\n".join(default_checklist()))
        except DomainError as error:
            self._show_error(str(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _conflict(self, error: ConflictError) -> None:
        """The same choice as every form: read in the saved list, or save the typed one over it."""
        typed = self.editor.toPlainText()
        try:
            saved = get_checklist_template(self._db)
        except DomainError:
            self.reload()
            return
        choice = ask_about_conflict(
            self,
            error,
            {"Checklistans punkter": typed},
            {"Checklistans punkter": "\n".join(saved.items)},
        )
        if choice is Choice.RELOAD:
            self.reload()
            return
        self.editor.setPlainText(typed)
        if choice is Choice.REAPPLY:
            # The version just read: the typed list is saved over it.
            self.template = saved
            self.save()
        else:
            # Back to editing with the version read before: a later save is refused again.
            self._show_error(str(error))

    def save(self) -> None:
        template = self.template
        expected = template.version if template is not None else None
        try:
            run_change(save_checklist_template, self._db, self.editor.toPlainText(), expected)
        except ConflictError as error:
            self._conflict(error)
            return
        except DomainError as error:
            self._show_error(str(error))
            return
        log.info("startup checklist template saved")
        self.reload()
        self.status.setText(self.status.text() + " – sparad")


class AdminPage(QWidget):
    """Personal is built and read with the page; every other tab the first time it is shown
    (or asked for by name): each of them read its data at build time, behind tabs not even
    visible, and imported what it needs, which made the page's first show slow."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setAccessibleName("Administration")
        title = QLabel("Administration")
        title.setObjectName("pageTitle")
        from ..admin.staff import StaffEditor

        self.staff = StaffEditor(db)
        staff_tab = QWidget()
        staff_layout = QVBoxLayout(staff_tab)
        staff_layout.setContentsMargins(0, 8, 0, 0)
        staff_layout.addWidget(self.staff, 1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Administrationens flikar")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(staff_tab, "&Personal")
        # Each later tab: its empty page now, its editor when first shown.
        self._builders: dict[str, Callable[[], QWidget]] = {
            "unit_settings": self._build_unit_settings,
            "templates": self._build_templates,
            "checklist": self._build_checklist,
            "retention": self._build_retention,
            "backup": self._build_backup,
            "user_changes": self._build_user_changes,
            "log_review": self._build_log_review,
        }
        self._tab_of: dict[str, QWidget] = {}
        self._layout_of: dict[str, QVBoxLayout] = {}
        self._built: dict[str, QWidget] = {}
        for name, tab_title in (
            ("unit_settings", "&Enhetens inställningar"),
            ("templates", "&Brevmallar"),
            ("checklist", "&Checklista för uppstartsmötet"),
            ("retention", "&Gallring"),
            ("backup", "Säker&hetskopia"),
            ("user_changes", "Ändringar per &användare"),
            ("log_review", "&Loggranskning"),
        ):
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            tab_layout.setContentsMargins(0, 8, 0, 0)
            self._tab_of[name] = tab
            self._layout_of[name] = tab_layout
            self.tabs.addTab(tab, tab_title)
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    # --- the tabs, built when first wanted ----------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for name, tab in self._tab_of.items():
            if tab is shown:
                self._editor(name)

    def _editor(self, name: str) -> QWidget:
        editor = self._built.get(name)
        if editor is None:
            editor = self._builders[name]()
            self._built[name] = editor
            layout = self._layout_of[name]
            if isinstance(editor, ChecklistEditor):
                layout.addWidget(editor, 1)
                layout.setAlignment(editor, Qt.AlignmentFlag.AlignTop)
            elif name in ("unit_settings", "templates"):
                layout.addWidget(_scrolling(editor), 1)
            else:
                layout.addWidget(editor, 1)
        return editor

    def _build_unit_settings(self) -> QWidget:
        from ..admin.unit_settings import UnitSettingsEditor

        return UnitSettingsEditor(self._db)

    def _build_templates(self) -> QWidget:
        from ..admin.letter_templates import TemplateEditor

        return TemplateEditor(self._db)

    def _build_checklist(self) -> QWidget:
        checklist = ChecklistEditor(self._db)
        # In a tab the bar takes room: the page still fits a small window (1280×720 at 200 %).
        checklist.editor.setMinimumHeight(200)
        checklist.setMaximumWidth(760)
        return checklist

    def _build_retention(self) -> QWidget:
        from ..admin.retention import RetentionEditor

        return RetentionEditor(self._db)

    def _build_backup(self) -> QWidget:
        from ..admin.backup import BackupEditor

        return BackupEditor(self._db)

    def _build_user_changes(self) -> QWidget:
        from ..admin.history import UserChanges

        return UserChanges(self._db)

    def _build_log_review(self) -> QWidget:
        from ..admin.log_review import LogReview

        return LogReview(self._db)

    @property
    def unit_settings(self) -> UnitSettingsEditor:
        return cast("UnitSettingsEditor", self._editor("unit_settings"))

    @property
    def templates(self) -> TemplateEditor:
        return cast("TemplateEditor", self._editor("templates"))

    @property
    def checklist(self) -> ChecklistEditor:
        return cast("ChecklistEditor", self._editor("checklist"))

    @property
    def retention(self) -> RetentionEditor:
        return cast("RetentionEditor", self._editor("retention"))

    @property
    def backup(self) -> BackupEditor:
        return cast("BackupEditor", self._editor("backup"))

    @property
    def user_changes(self) -> UserChanges:
        return cast("UserChanges", self._editor("user_changes"))

    @property
    def log_review(self) -> LogReview:
        return cast("LogReview", self._editor("log_review"))

    def refresh(self) -> None:
        """Read again what has been read: a tab not built yet reads when first shown."""
        self.staff.reload()
        for name, editor in self._built.items():
            reload = getattr(editor, "reload", None)
            if name in _RELOADED and reload is not None:
                reload()


# The tabs that read data that others may change (retention and backup read on demand).
_RELOADED = ("unit_settings", "templates", "checklist", "user_changes", "log_review")


def _scrolling(editor: QWidget) -> QScrollArea:
    """The template editor's list, text and buttons side by side are wider than a small
    window: it scrolls sideways there rather than holding the whole window wide."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setAccessibleName(editor.accessibleName() or "Administration")
    area.setWidget(editor)
    return area
