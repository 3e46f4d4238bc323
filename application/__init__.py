"""Ganxin's use cases: thin methods that get an aggregate, command it and save it."""
