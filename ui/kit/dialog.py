"""The one dialog base of the window: a form whose save runs a service, refused the same way.

A subclass builds its fields (`add_row`, or `form`/`body` directly), writes `perform()` (the
service call, reading the fields) and, where it edits a saved row, `saved_now()` (that row read
again), `load(saved)` (the fields take a saved row's values and its version) and `edited()` (the
row as the dialog holds it now, whose version the next save expects).

A refused save keeps the dialog open with everything typed: a ValidationError is shown at the
top and on the field it names; a ConflictError (someone else saved first) shows both versions
field by field, with who changed it and when, and the user chooses to read in the saved version
or to save their own again over it. Going back to the form keeps the version the user started
from: a later save is refused again, and the user decides again.

The keys are the same in every dialog, set here once when it is shown: focus in the first field
that takes input, Enter saves from a one-line field, Ctrl+Enter from a note (where Enter makes a
new line), Tab moves on out of notes and tables. Only the save button is the default button and
no button is auto-default: a Qt dialog gives an auto-default button the focus when it opens
(typing went nowhere and Space "clicked" it), and when that button loses the focus the dialog is
left with no default button at all, so Enter in a field did nothing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from bobudget.kernel.errors import ConflictError, DomainError, FieldError, ValidationError

from ..changes import on_database_wait, run_change
from .confirm import confirm_unusual
from .conflict import Choice, ask_about_conflict
from .field_errors import (
    REQUIRED_NOTE,
    CheckedField,
    FormRows,
    in_use,
    is_empty,
    label_text,
)
from .form_scroll import FormScroll
from .inputs import (
    ENTER_KEYS,
    INPUTS,
    TYPED_INPUTS,
    input_state,
    inputs_of,
    set_input_state,
    shown_text,
    takes_focus,
)
from .marks import mark_field

log = logging.getLogger(__name__)


class Dialog(QDialog):
    """Error line and intro on top, the form, the buttons; `save()` runs `perform()`.

    `saved` tells the caller that the save went through; `reload_requested` that the user chose
    to read the saved version and the dialog could not do it itself (the page reads again).
    """

    MIN_WIDTH = 520

    def __init__(self, title: str, parent: QWidget | None = None, save_text: str = "Spara") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(self.MIN_WIDTH)
        self.saved = False
        self.reload_requested = False
        self.error_label = QLabel()
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Felmeddelande")
        # Its line is kept when hidden: a message appearing moves neither fields nor buttons.
        policy = self.error_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error_label.setSizePolicy(policy)
        self.error_label.hide()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        # Room above the first line: the dots of Å, Ä, Ö must not be cut at the top.
        self.intro.setContentsMargins(0, 4, 0, 4)
        self.intro.hide()
        self.required_note = QLabel(REQUIRED_NOTE)
        self.required_note.setObjectName("muted")
        self.required_note.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # The error line reserved under each field is the space between rows.
        self.form.setVerticalSpacing(2)
        self.rows = FormRows(self.form, self)
        self._required: set[QWidget] = set()
        self._confirmed: set[str] = set()  # unusual inputs the user said are right
        self._fit_moves = True
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_now)
        # Below the form: what a subclass shows besides its fields (a list, a summary).
        self.body = QVBoxLayout()
        self.body.addLayout(self.form)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(
            "Avbryt", QDialogButtonBox.ButtonRole.RejectRole
        )
        self.save_button.setDefault(True)
        self._saving = False
        self._error_before_wait: tuple[str, bool] | None = None
        on_database_wait(self._database_waiting)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(self.intro)
        outer.addWidget(self.required_note)
        self.form_scroll = FormScroll(self.body)
        outer.addWidget(self.form_scroll, 1)
        # Above the buttons, not above the form: a message never moves a field.
        outer.addWidget(self.error_label)
        outer.addWidget(self.buttons)
        self._opened = False

    # -- the keys -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        self.set_up_keys()
        self.prepare_rows()
        super().showEvent(event)
        if not self._opened:
            self._opened = True
            first = self.first_input()
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
            self._schedule_fit(move=True)

    def _schedule_fit(self, *, move: bool) -> None:
        """Once the layout has taken in what changed. A timer of the dialog's own, not
        QTimer.singleShot with the dialog as context: that crashed once the dialog was gone."""
        self._fit_moves = move
        self._fit_timer.start()

    def _fit_now(self) -> None:
        self.fit_to_screen(move=self._fit_moves)

    def fit_to_screen(self, move: bool = True) -> None:
        """As high as the form wants, but no higher than the screen, and all of it on the
        screen: the buttons are never cut off (the form scrolls instead). Without `move` (a
        dialog the user is working in) it only grows downwards, as far as the screen goes:
        no field moves under the pointer."""
        if not self.isVisible():
            return
        # Not QWidget.screen(): asked from here it led to a crash in a later dialog (PySide).
        screen = QGuiApplication.screenAt(self.frameGeometry().center())
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            return
        available = screen.availableGeometry()
        title = max(0, self.frameGeometry().height() - self.height())
        # Qt opens a window at most two thirds of the screen high: what the form lacks is added.
        lacking = self.form_scroll.inner.sizeHint().height() - self.form_scroll.viewport().height()
        wanted = self.height() + max(0, lacking)
        top = self.frameGeometry().top()
        room = available.height() - title if move else available.bottom() + 1 - top - title
        height = min(wanted, room)
        if height > self.height():
            self.resize(self.width(), height)
        if not move:
            return
        lowest_top = available.bottom() + 1 - (height + title)
        if top > lowest_top or top < available.top():
            self.move(self.x(), max(available.top(), min(top, lowest_top)))

    def set_up_keys(self) -> None:
        """The same keys in every dialog, for every widget it holds when it is shown."""
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        notes: list[QPlainTextEdit | QTextEdit] = [*self.findChildren(QPlainTextEdit)]
        notes += self.findChildren(QTextEdit)
        for note in notes:
            note.setTabChangesFocus(True)
            note.removeEventFilter(self)
            note.installEventFilter(self)
        for table in self.findChildren(QAbstractItemView):
            if not isinstance(table.parent(), QComboBox):  # a combo box's list is its own
                table.setTabKeyNavigation(False)

    def first_input(self) -> QWidget | None:
        """The first field, in Tab order, that takes typing (else a check box); not a label or
        a button, nor a field that is read-only or switched off."""
        fields: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and widget not in fields:
            fields.append(widget)
            widget = widget.nextInFocusChain()
        usable = [w for w in fields if w.window() is self and takes_focus(w)]
        for kinds in (TYPED_INPUTS, (QCheckBox,)):
            for field in usable:
                if isinstance(field, kinds) and not isinstance(field.parent(), QAbstractSpinBox):
                    return field
        return None

    def _ctrl_enter(self, event: QEvent) -> bool:
        """Ctrl+Enter was pressed: the save button is clicked (where it can be)."""
        if not (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return False
        if self.save_button.isEnabled() and self.save_button.isVisible():
            self.save_button.click()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in a note saves; plain Enter there makes a new line."""
        if self._ctrl_enter(event):
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Enter saves from a one-line field too; plain Enter is Qt's: the default button."""
        if not self._ctrl_enter(event):
            super().keyPressEvent(event)

    # -- building ------------------------------------------------------------------------------

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)
        if isinstance(widget, QLabel):
            # A shown value (an address, a number) is often copied into a letter or a mail.
            widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def require(self, *widgets: QWidget) -> None:
        """Plain fields (a line, a note, a choice) that must be filled in: marked with an
        asterisk, and refused empty at a save together with every other problem."""
        self._required.update(widgets)

    def prepare_rows(self) -> None:
        """An error line under every row, the kit's fields named by their labels, required
        rows marked (again for rows added since)."""
        any_required = self.rows.prepare(self._required)
        self.rows.follow_visibility()
        self.required_note.setVisible(any_required)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def field_problems(self) -> list[tuple[QWidget, str]]:
        """Every field's problem with what is typed, in the form's order, before any save."""
        self.prepare_rows()
        found: list[tuple[QWidget, str]] = []
        for label, field, _label_widget in self.rows.rows():
            for widget in (field, *field.findChildren(QWidget)):
                if not in_use(widget, self):
                    continue
                problem: str | None = None
                if isinstance(widget, CheckedField):
                    problem = widget.problem()
                elif widget in self._required and is_empty(widget):
                    problem = f"Fyll i {(label or widget.accessibleName()).lower()}."
                if problem:
                    found.append((widget, problem))
        return found

    def show_field_errors(self, errors: list[tuple[QWidget | None, str]]) -> None:
        """Each message next to its field (a red frame on the field too); a message that
        belongs to no field of the form goes to the line above the buttons."""
        by_row: dict[QWidget, list[str]] = {}
        loose: list[str] = []
        first: QWidget | None = None
        for widget, message in errors:
            row = self.rows.row_of(widget) if widget is not None else None
            if row is None or widget is None:
                loose.append(message)
                continue
            by_row.setdefault(row, []).append(message)
            target = widget if widget.focusPolicy() != Qt.FocusPolicy.NoFocus else None
            for candidate in (target, *inputs_of(row)):
                if candidate is not None and candidate.focusPolicy() != Qt.FocusPolicy.NoFocus:
                    mark_field(candidate, message)
                    first = first or candidate
                    break
        self.rows.show(by_row)
        self._schedule_fit(move=False)  # room for the messages
        count = len(errors)
        if loose:
            self.show_error("\n".join(loose))
        elif count == 1:
            self.show_error(errors[0][1])
        else:
            self.show_error(
                f"{count} uppgifter behöver rättas. Meddelandena står vid fälten; ingenting "
                "sparades."
            )
        if first is not None:
            first.setFocus()

    def _clear_field_errors(self) -> None:
        self.rows.clear()
        for field in self.rows.lines:
            for widget in inputs_of(field):
                if not isinstance(widget, CheckedField):
                    mark_field(widget, None)

    def _service_field_errors(self, errors: tuple[FieldError, ...]) -> None:
        placed: list[tuple[QWidget | None, str]] = []
        for error in errors:
            row = self.rows.row_named(error.field)
            placed.append((row, error.message))
        self.show_field_errors(placed)

    # -- what subclasses write -----------------------------------------------------------------

    def perform(self) -> None:
        """The service call, reading the fields; raise a DomainError to refuse."""
        raise NotImplementedError

    def unusual(self) -> list[str]:
        """Why what is typed is unusual though allowed (the domain's rules say): the user is
        asked before the save. A dialog with such a rule lists its reasons here."""
        return []

    def saved_now(self) -> object | None:
        """The edited row as it is saved now (read again), or None where there is none."""
        return None

    def load(self, saved: object) -> None:
        """The fields take `saved`'s values, and later saves its version."""
        raise NotImplementedError

    def edited(self) -> object:
        """The row as the dialog holds it (what `load` took last, or what it opened with):
        the conflict box loads it back when the user goes back to the form."""
        raise NotImplementedError

    # -- the form's values ---------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        """What the form shows, label by label, as the user reads it (typed input)."""
        shown: dict[str, str] = {}
        for row in range(self.form.rowCount()):
            label_item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = field_item.widget() if field_item is not None else None
            if field is None or not field.isEnabled():
                continue
            inputs = inputs_of(field)
            if not inputs:
                continue
            label = label_text(label_item.widget() if label_item is not None else None)
            label = label or field.accessibleName() or inputs[0].accessibleName()
            shown[label] = " ".join(t for t in (shown_text(w) for w in inputs) if t)
        return shown

    def typed_state(self) -> object:
        """Everything typed, to put back after `load`; a dialog whose `load` builds its inputs
        anew (a table of lines) keeps its typing its own way."""
        return [(w, input_state(w)) for w in self.findChildren(QWidget) if isinstance(w, INPUTS)]

    def restore_typed(self, state: object) -> None:
        assert isinstance(state, list)
        for widget, value in state:
            set_input_state(widget, value)

    # -- saving --------------------------------------------------------------------------------

    @Slot(str)
    def _database_waiting(self, text: str) -> None:
        """While this dialog's save waits for a busy database, its error line says so."""
        if not self._saving:
            return
        if text:
            self._error_before_wait = (self.error_label.text(), self.error_label.isVisible())
            self.show_error(text)
        elif self._error_before_wait is not None:
            before, shown = self._error_before_wait
            self._error_before_wait = None
            self.error_label.setText(before)
            self.error_label.setVisible(shown)

    def save(self) -> None:
        self._clear_field_errors()
        problems = self.field_problems()
        if problems:
            # Every problem at once, at one save: nothing is sent to the service.
            log.info("%s refused: %d fields", type(self).__name__, len(problems))
            self.show_field_errors([(w, m) for w, m in problems])
            return
        try:
            reasons = self.unusual()
        except DomainError:
            reasons = []  # what cannot be read is refused by the save below, as always
        # Asked once: a save again after a conflict does not ask what was confirmed.
        if reasons and not set(reasons) <= self._confirmed:
            if not confirm_unusual(self, reasons):
                self.show_error("Ingenting sparades. Rätta datumet, eller spara igen och bekräfta.")
                return
            self._confirmed.update(reasons)
        self._saving = True
        try:
            # Through the window's one change runner: every page showing what the call
            # changed reads again by itself; no dialog tells a page. A busy database is
            # waited for once there; still busy, its message is shown like any refusal.
            run_change(self.perform)
        except ConflictError as error:
            log.info("%s: conflict", type(self).__name__)
            self._conflict(error)
            return
        except DomainError as error:
            log.info("%s refused: %s", type(self).__name__, type(error).__name__)
            if isinstance(error, ValidationError) and error.field_errors:
                self._service_field_errors(error.field_errors)
                return
            self.show_error(str(error))
            if isinstance(error, ValidationError):
                self._mark_named_field(str(error))
            return
        finally:
            self._saving = False
        self.saved = True
        self.accept()

    def _mark_named_field(self, message: str) -> None:
        """The field the message names gets the red frame and the message as tooltip."""
        for widget in self.findChildren(QWidget):
            name = widget.accessibleName()
            if isinstance(widget, INPUTS) and name and message.startswith(f"{name}:"):
                mark_field(widget, message)
                widget.setFocus()
                return

    def _conflict(self, error: ConflictError) -> None:
        typed = self.values()
        typing = self.typed_state()
        try:
            current = self.saved_now()
        except DomainError:
            current = None  # gone or unreadable: the page reads everything again
        saved: dict[str, str] | None = None
        if current is not None:
            # The saved version shown as the form would show it; then the form is as it was,
            # with the version it started from, until the user chooses.
            held = self.edited()
            self.load(current)
            saved = self.values()
            self.load(held)
            self.restore_typed(typing)
        choice = ask_about_conflict(self, error, typed, saved)
        if choice is Choice.RELOAD:
            if current is None:
                self.reload_requested = True
                self.reject()
                return
            self.load(current)
            # The page behind shows the other change too once the dialog closes.
            self.reload_requested = True
            self.show_error("Det sparade är inläst. Gör om din ändring om den behövs.")
        elif choice is Choice.REAPPLY:
            # The typing over the version read just now: saved over the other change.
            assert current is not None
            self.load(current)
            self.restore_typed(typing)
            self.save()
        else:
            # Back to the form with the old version: saving later is refused again.
            self.show_error(str(error))
