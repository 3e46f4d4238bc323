"""The case list read model: rm_cases and rm_case_units."""
