"""Files the district keeps: the ledger workbook (.xlsx) and the project handbook (PDF)."""
