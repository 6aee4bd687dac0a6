"""auditor: consistency checks for budget performance evaluation reports."""

__version__ = "0.1.0"
