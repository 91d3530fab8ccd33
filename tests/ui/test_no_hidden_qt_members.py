"""No window class hides a member of its Qt base.

`self.accepted = QRadioButton(...)` on a dialog replaces its `accepted` signal, so a later
`dialog.accepted.connect(...)` fails or, worse, connects to the wrong thing; a method called
`move()` on a widget replaces QWidget.move for every caller. So every class in ui/ that is a
QObject may only reuse a name of its nearest PySide6 base when it overrides a virtual function
Qt calls (an event handler, a model's data(), a dialog's accept() ...). mypy --strict checks that
such an override keeps a compatible signature; this test checks that nothing else reuses a name.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Iterator
from types import ModuleType

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QObject,
    QSortFilterProxyModel,
    QThread,
)
from PySide6.QtGui import QSyntaxHighlighter, QValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDoubleSpinBox,
    QMainWindow,
    QSpinBox,
    QStyledItemDelegate,
    QTreeView,
    QWidget,
)

import ui
from ui.forms import FormDialog

# The virtual functions a subclass is meant to override, by the Qt class that declares them.
# Only true virtuals belong here (Qt calls them); a plain method or a signal never does.
VIRTUALS: dict[type[QObject], frozenset[str]] = {
    QObject: frozenset({"event", "eventFilter", "connectNotify", "disconnectNotify"}),
    QThread: frozenset({"run"}),
    QAbstractItemModel: frozenset(
        {
            "index", "parent", "sibling", "rowCount", "columnCount", "hasChildren",
            "data", "setData", "headerData", "setHeaderData", "itemData", "setItemData",
            "clearItemData", "flags", "sort", "canFetchMore", "fetchMore", "roleNames",
            "insertRows", "removeRows", "insertColumns", "removeColumns", "moveRows",
            "moveColumns", "mimeTypes", "mimeData", "canDropMimeData", "dropMimeData",
            "supportedDropActions", "supportedDragActions", "buddy", "match", "span",
            "submit", "revert", "multiData",
        }
    ),
    QAbstractProxyModel: frozenset({"mapToSource", "mapFromSource", "setSourceModel"}),
    QSortFilterProxyModel: frozenset({"filterAcceptsRow", "filterAcceptsColumn", "lessThan"}),
    QWidget: frozenset(
        {
            "sizeHint", "minimumSizeHint", "setVisible", "heightForWidth", "hasHeightForWidth",
            "focusNextPrevChild", "inputMethodQuery", "metric", "paintEngine", "initPainter",
        }
    ),
    QDialog: frozenset({"accept", "reject", "done", "exec", "open"}),
    QMainWindow: frozenset({"createPopupMenu"}),
    QAbstractButton: frozenset({"hitButton", "checkStateSet", "nextCheckState"}),
    QComboBox: frozenset({"showPopup", "hidePopup"}),
    QAbstractScrollArea: frozenset({"scrollContentsBy", "setupViewport", "viewportSizeHint"}),
    QAbstractItemView: frozenset(
        {
            "setModel", "setSelectionModel", "keyboardSearch", "sizeHintForRow",
            "sizeHintForColumn", "visualRect", "scrollTo", "indexAt", "reset", "setRootIndex",
            "selectAll", "dataChanged", "rowsInserted", "rowsAboutToBeRemoved",
            "selectionChanged", "currentChanged", "selectionCommand", "moveCursor",
            "initViewItemOption",
        }
    ),
    QTreeView: frozenset({"drawRow", "drawBranches"}),
    QAbstractSpinBox: frozenset({"validate", "fixup", "stepBy", "stepEnabled", "clear"}),
    QSpinBox: frozenset({"textFromValue", "valueFromText"}),
    QDoubleSpinBox: frozenset({"textFromValue", "valueFromText"}),
    QValidator: frozenset({"validate", "fixup"}),
    QAbstractItemDelegate: frozenset(
        {
            "createEditor", "setEditorData", "setModelData", "updateEditorGeometry", "paint",
            "sizeHint", "destroyEditor", "editorEvent", "helpEvent",
        }
    ),
    QStyledItemDelegate: frozenset({"displayText", "initStyleOption"}),
    QCompleter: frozenset({"splitPath", "pathFromIndex"}),
    QSyntaxHighlighter: frozenset({"highlightBlock"}),
}  # fmt: skip

# Qt's event handlers (keyPressEvent, closeEvent, timerEvent ...) are all virtual; these few
# names end the same way but are ordinary functions.
EVENT_HANDLER = re.compile(r"[a-z][A-Za-z]*Event")
NOT_EVENT_HANDLERS = frozenset({"postEvent", "sendEvent", "handleEditorEvent"})


def ui_modules() -> list[ModuleType]:
    # ui.__main__ starts the program when imported.
    names = [m.name for m in pkgutil.walk_packages(ui.__path__, "ui.") if m.name != "ui.__main__"]
    return [ui, *(importlib.import_module(name) for name in names)]


def qobject_classes() -> list[type[QObject]]:
    found: list[type[QObject]] = []
    for module in ui_modules():
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and value.__module__ == module.__name__
                and issubclass(value, QObject)
            ):
                found.append(value)
    return found


def nearest_qt_base(cls: type[QObject]) -> type[QObject]:
    return next(b for b in cls.__mro__ if b.__module__.startswith("PySide6."))


def is_virtual_override(qt_base: type[QObject], name: str) -> bool:
    if EVENT_HANDLER.fullmatch(name) and name not in NOT_EVENT_HANDLERS:
        return True
    return any(
        issubclass(qt_base, declaring) and name in names for declaring, names in VIRTUALS.items()
    )


def self_attributes(node: ast.AST) -> Iterator[tuple[str, int]]:
    """Every `self.X = ...` (also annotated, augmented, or in a tuple) anywhere below node."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Assign):
            targets = sub.targets
        elif isinstance(sub, ast.AnnAssign | ast.AugAssign):
            targets = [sub.target]
        else:
            continue
        for target in targets:
            for part in ast.walk(target):
                if (
                    isinstance(part, ast.Attribute)
                    and isinstance(part.value, ast.Name)
                    and part.value.id == "self"
                ):
                    yield part.attr, part.lineno


def hidden_members(cls: type[QObject]) -> list[str]:
    """What cls names like a member of its nearest PySide6 base without overriding a virtual."""
    qt_base = nearest_qt_base(cls)
    qt_names = set(dir(qt_base))
    lines, first = inspect.getsourcelines(cls)
    class_def = ast.parse(textwrap.dedent("".join(lines))).body[0]
    assert isinstance(class_def, ast.ClassDef)
    where = f"{cls.__module__}.{cls.__qualname__}"
    found: list[str] = []
    for statement in class_def.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            name = statement.name
            if (
                name in qt_names
                and not name.startswith("__")
                and not is_virtual_override(qt_base, name)
            ):
                found.append(f"{where}: method {name}() hides {qt_base.__name__}.{name}")
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in qt_names:
                    found.append(
                        f"{where}: class attribute {target.id} hides {qt_base.__name__}.{target.id}"
                    )
    # An attribute is never an override, whatever its name.
    for name, line in self_attributes(class_def):
        if name in qt_names:
            found.append(
                f"{where}: self.{name} (line {first + line - 1}) hides {qt_base.__name__}.{name}"
            )
    return found


def test_the_scan_sees_the_window_classes() -> None:
    names = {cls.__qualname__ for cls in qobject_classes()}
    # A scan that found nothing would pass vacuously.
    assert {"MainWindow", "AnswerDialog", "NoticeDialog", "PlacementsPanel", "TodoModel"} <= names
    assert len(names) > 50


def test_no_window_class_hides_a_member_of_its_qt_base() -> None:
    problems = [problem for cls in qobject_classes() for problem in hidden_members(cls)]
    assert not problems, "\n".join(problems)


def test_the_scan_catches_an_attribute_or_method_that_hides_a_qt_member() -> None:
    class Planted(FormDialog):
        def __init__(self) -> None:
            super().__init__("Prov")
            self.accepted = True  # type: ignore[misc,assignment]  # the mistake planted here
            self.answer = True

        def move(self) -> None:  # type: ignore[override]  # the mistake planted here
            pass

        def keyPressEvent(self, event: object) -> None:  # a true override: allowed
            pass

    problems = "\n".join(hidden_members(Planted))
    assert "self.accepted" in problems and "QDialog.accepted" in problems
    assert "method move() hides QDialog.move" in problems
    assert "answer" not in problems and "keyPressEvent" not in problems
