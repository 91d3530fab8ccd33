"""Import of the unit's CSV/XLSX lists: the reader checks the whole file, the writer stores it."""
