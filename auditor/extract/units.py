"""Money units now live in the table layer (`auditor.tables.units`); this name stays
for the modules that still import it from here (forms, statements)."""

from auditor.tables.units import AMOUNT_WITH_UNIT, Unit, table_unit_cell, unit_in_header, unit_in_note

__all__ = ["AMOUNT_WITH_UNIT", "Unit", "table_unit_cell", "unit_in_header", "unit_in_note"]
