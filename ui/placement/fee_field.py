"""The client fee (egenavgift) a temporary-housing decision sets: an amount and its period."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from bobudget.model.vocab import CostUnit
from bobudget.placement.temporary import ClientFee

from ..kit.amount_field import AmountField


class ClientFeeField(QWidget):
    """Empty amount: no fee. Not the place's price: the place's price is the committee's cost."""

    def __init__(self, fee: ClientFee | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.amount = AmountField("Egenavgift")
        self.amount.setToolTip(
            "Det klienten betalar enligt beslutet. Lämna tomt om beslutet inte anger någon "
            "egenavgift. Skriv aldrig platsens pris här."
        )
        self.unit = QComboBox()
        self.unit.setAccessibleName("Egenavgiften gäller")
        for unit in (CostUnit.MONTH, CostUnit.NIGHT):
            self.unit.addItem(unit.label, str(unit))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        if fee is not None and fee.ore is not None:
            self.amount.edit.setText(f"{fee.ore // 100},{fee.ore % 100:02d}")
            self.unit.setCurrentIndex(max(0, self.unit.findData(fee.unit)))

    def value(self) -> ClientFee:
        ore = self.amount.value_ore()
        if ore is None:
            return ClientFee()
        return ClientFee(ore, str(self.unit.currentData()))
