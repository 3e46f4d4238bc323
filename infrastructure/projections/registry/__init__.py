"""The registry read models: units and enterprises (rm_units, rm_enterprises)."""
