"""Administration → Brevmallar: a save over another administrator's newer save is refused with
a message that says what happened, and the text typed stays in the editor (issue 13, point 1)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from bobudget.db.engine import Database
from bobudget.letters.unit_templates import save_template, standard_text, template_text
from bobudget.model import User
from bobudget.model.vocab import UserRole
from ui.admin.letter_templates import TemplateEditor


def test_the_second_administrators_save_is_refused_and_their_text_kept(
    qtbot, sqlite_db: Database
) -> None:
    with sqlite_db.sessions() as s:
        s.add(User(username="bodil", full_name="Bodil", role=UserRole.ADMINISTRATOR))
        s.commit()
    editor = TemplateEditor(sqlite_db)
    qtbot.addWidget(editor)
    editor.show()
    name = editor.current().name
    mine = standard_text(name) + "\nMin rad"
    editor.editor.setPlainText(mine)
    # Meanwhile, at another PC:
    save_template(sqlite_db, name, standard_text(name) + "\nBodils rad", user="bodil")
    editor.save_button.click()
    assert editor.error.isVisible()
    assert "bodil har sparat version 1" in editor.error.text()
    assert editor.editor.toPlainText() == mine
    assert template_text(sqlite_db, name)[0].endswith("Bodils rad")
    # Choosing the template again reads Bodil's version; a save then goes through.
    editor.reload()
    assert editor.editor.toPlainText().endswith("Bodils rad")
    editor.editor.setPlainText(editor.editor.toPlainText() + "\nMin rad")
    editor.save_button.click()
    assert not editor.error.isVisible()
    assert template_text(sqlite_db, name) == (standard_text(name) + "\nBodils rad\nMin rad", 2)
    editor.close()
    editor.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
