"""HTTP tests: the API and pages served by a real server."""
