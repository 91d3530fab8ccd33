"""Writing imported rows: persons, households, landlords, dwellings, places and contracts.

In chunks, with set-based look-ups and bulk inserts (bobudget.importing.passes), in one
transaction: all or nothing, in memory that follows the chunk rather than the file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy.exc import IntegrityError

from bobudget.db.engine import Database
from bobudget.db.integrity import breaks_unique
from bobudget.db.responsible import check_responsible
from bobudget.db.settings_in_use import effective_settings
from bobudget.db.uow import UnitOfWork
from bobudget.importing.bulk import BulkWriter
from bobudget.importing.passes import ImportResult, _ImportWriter, chunks, temporary_periods
from bobudget.importing.rows import ImportRow, RowChunks, RowList, collector_paused
from bobudget.kernel.errors import ConflictError
from bobudget.model.housing import IMPORTED_CONTRACT_KEY
from bobudget.model.persons import PERSON_IDENTITY_KEY

__all__ = [
    "CONCURRENT_IMPORT_MESSAGE",
    "ImportResult",
    "chunks",
    "temporary_periods",
    "write_import",
]

log = logging.getLogger(__name__)

CONCURRENT_IMPORT_MESSAGE = (
    "En annan import av samma personer eller kontrakt kördes samtidigt och hann spara först. "
    "Den här importen sparade ingenting. Importera filen igen när den andra är klar: det som "
    "redan finns läggs inte till två gånger."
)


def write_import(
    db: Database,
    rows: Sequence[ImportRow] | RowChunks,
    today: dt.date,
    *,
    user: str | None = None,
    period_months: int | None = None,
    responsible: str | None = None,
) -> ImportResult:
    """Write validated rows in one unit of work; what is already there is found, not doubled.

    A person is found by identity number, a contract by (person, kind, start date), a landlord
    and a temporary place by name, a dwelling by address and postal code (case and spacing
    folded). Contracts already there are left as they are: once imported, the program is where
    they are kept up to date. `responsible` (a user) answers for the new contracts; without it
    they have nobody, and Mina uppgifter lists them under Utan ansvarig.

    The rows are read a chunk at a time (a few passes over `rows`) and written in bulk, all in
    one transaction: a failure anywhere leaves the database as it was.
    """
    source = RowList(rows) if isinstance(rows, Sequence) else rows
    months = period_months or effective_settings(db).temporary_period_months
    with collector_paused(), UnitOfWork(db, user) as uow:
        try:
            responsible = check_responsible(uow.session, responsible)
            writer = _ImportWriter(BulkWriter(uow.session.connection(), uow.user), today, months)
            writer.responsible = responsible
            result = writer.write(source)
            uow.written(writer.bulk.changes)
            uow.commit()
        except IntegrityError as error:
            # Another import wrote the same persons or contracts after this one looked for
            # them: the database holds each once, and this import is rolled back whole.
            if not breaks_unique(error, IMPORTED_CONTRACT_KEY, PERSON_IDENTITY_KEY):
                raise
            raise ConflictError(
                CONCURRENT_IMPORT_MESSAGE, changed_by=None, changed_at=None
            ) from None
    log.info(
        "import: %d persons (%d new), %d contracts (%d new)",
        result.persons_new + result.persons_existing,
        result.persons_new,
        result.contracts_new + result.contracts_existing,
        result.contracts_new,
    )
    return result
