"""Writing a PDF to a file whole or not at all: no partial PDF is ever left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bobudget.kernel.errors import ValidationError


def write_pdf(path: Path, pdf: bytes) -> None:
    """Write the PDF whole or not at all: a temporary file in the same folder, then renamed."""
    folder = path.parent
    if not folder.is_dir():
        raise ValidationError(f"Mappen {folder} finns inte. Välj en mapp som finns.")
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ValidationError(
            f"PDF-filen {path} kunde inte skrivas ({error.strerror}). Välj en annan mapp."
        ) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ValidationError(f"PDF-filen {path} kunde inte skrivas ({error.strerror}).") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
