"""The Administration page: the staff (users), the unit's settings, the letter templates, the
checklist of the uppstartsmöte, gallring, backups, and the logs (changes per user, log review)."""

from __future__ import annotations

import logging

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

from ..admin.backup import BackupEditor
from ..admin.history import UserChanges
from ..admin.letter_templates import TemplateEditor
from ..admin.log_review import LogReview
from ..admin.retention import RetentionEditor
from ..admin.staff import StaffEditor
from ..admin.unit_settings import UnitSettingsEditor
from ..changes import run_change
from ..kit import Choice, ask_about_conflict

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
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Administration")
        title = QLabel("Administration")
        title.setObjectName("pageTitle")
        self.staff = StaffEditor(db)
        self.checklist = ChecklistEditor(db)
        checklist_tab = QWidget()
        checklist_layout = QVBoxLayout(checklist_tab)
        checklist_layout.setContentsMargins(0, 8, 0, 0)
        checklist_layout.addWidget(self.checklist, 1)
        # In a tab the bar takes room: the page still fits a small window (1280×720 at 200 %).
        self.checklist.editor.setMinimumHeight(200)
        checklist_layout.setAlignment(self.checklist, Qt.AlignmentFlag.AlignTop)
        self.checklist.setMaximumWidth(760)
        staff_tab = QWidget()
        staff_layout = QVBoxLayout(staff_tab)
        staff_layout.setContentsMargins(0, 8, 0, 0)
        staff_layout.addWidget(self.staff, 1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Administrationens flikar")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(staff_tab, "&Personal")
        self.unit_settings = UnitSettingsEditor(db)
        self.templates = TemplateEditor(db)
        for editor in (self.unit_settings, self.templates):
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            tab_layout.setContentsMargins(0, 8, 0, 0)
            # The template editor's list, text and buttons side by side are wider than a small
            # window: it scrolls sideways there rather than holding the whole window wide.
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            area.setAccessibleName(editor.accessibleName() or "Administration")
            area.setWidget(editor)
            tab_layout.addWidget(area, 1)
            self.tabs.addTab(
                tab, "&Enhetens inställningar" if editor is self.unit_settings else "&Brevmallar"
            )
        self.tabs.addTab(checklist_tab, "&Checklista för uppstartsmötet")
        self.retention = RetentionEditor(db)
        self.backup = BackupEditor(db)
        self.user_changes = UserChanges(db)
        self.log_review = LogReview(db)
        pages: tuple[tuple[QWidget, str], ...] = (
            (self.retention, "&Gallring"),
            (self.backup, "Säker&hetskopia"),
            (self.user_changes, "Ändringar per &användare"),
            (self.log_review, "&Loggranskning"),
        )
        for widget, tab_title in pages:
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            tab_layout.setContentsMargins(0, 8, 0, 0)
            tab_layout.addWidget(widget, 1)
            self.tabs.addTab(tab, tab_title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.staff.reload()
        self.unit_settings.reload()
        self.templates.reload()
        self.checklist.reload()
        self.user_changes.reload()
        self.log_review.reload()
