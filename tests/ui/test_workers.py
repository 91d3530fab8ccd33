"""Background work: the result or the error comes back to the GUI thread, with progress."""

from __future__ import annotations

import threading

import pytest

from bobudget.kernel.errors import ValidationError
from ui.workers import Progress, run_with_progress


def test_the_work_runs_off_the_gui_thread_and_its_result_comes_back(qtbot) -> None:
    seen: list[str] = []

    def work(progress: Progress) -> int:
        seen.append(threading.current_thread().name)
        for done in range(1, 4):
            progress(done, 3)
        return 42

    assert run_with_progress(None, "Arbetar…", work) == 42
    assert seen and seen[0] != threading.main_thread().name


def test_an_error_in_the_work_is_raised_in_the_gui_thread(qtbot) -> None:
    def work(progress: Progress) -> None:
        raise ValidationError("Något var fel.")

    with pytest.raises(ValidationError, match=r"Något var fel\."):
        run_with_progress(None, "Arbetar…", work)
