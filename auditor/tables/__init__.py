"""The table layer: one typed reading of each table (blocks, column roles, row kinds,
figures by role), with its word lists as data (lexicon.yaml)."""

from auditor.tables.reading import Band, RowReading, TableReading, read_table, reading_of

__all__ = ["Band", "RowReading", "TableReading", "read_table", "reading_of"]
