"""The letter engine: kinds, templates staff can override, data from the database, PDF output.

Services call it through bobudget.app.letters; nothing here imports Qt.
"""
