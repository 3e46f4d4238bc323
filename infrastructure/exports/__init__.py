"""Files the district keeps: the ledger workbook (.xlsx) and the project handbook (PDF)."""

from .handbook_pdf import ReportlabHandbookWriter
from .ledger_xlsx import OpenpyxlLedgerWriter
from .tables_pdf import ReportlabTableWriter
from .tables_xlsx import OpenpyxlTableWriter

__all__ = ["OpenpyxlLedgerWriter", "OpenpyxlTableWriter", "ReportlabHandbookWriter", "ReportlabTableWriter"]
