"""Ganxin's domain: enterprises, visits and cases, with no I/O."""
