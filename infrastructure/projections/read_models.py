"""Every area's read models under one schema version, and the recorders that keep them beside the events."""

from __future__ import annotations

from infrastructure.projections.accountability import handlers as accountability_handlers
from infrastructure.projections.accountability import schema as accountability_schema
from infrastructure.projections.case_history import handlers as case_history_handlers
from infrastructure.projections.case_history import schema as case_history_schema
from infrastructure.projections.cases import handlers as case_handlers
from infrastructure.projections.cases import schema as case_schema
from infrastructure.projections.engine.recorders import PostgresReadModelRecording, SQLiteReadModelRecording
from infrastructure.projections.engine.schema import ReadModelSchema
from infrastructure.projections.findings import handlers as finding_handlers
from infrastructure.projections.findings import schema as finding_schema
from infrastructure.projections.projects import handlers as project_handlers
from infrastructure.projections.projects import schema as project_schema
from infrastructure.projections.registry import handlers as registry_handlers
from infrastructure.projections.registry import schema as registry_schema

# Importing an area's handlers registers them (the two observers write separate tables: their order is free).
HANDLER_MODULES = (
    registry_handlers,
    case_handlers,
    project_handlers,
    finding_handlers,
    case_history_handlers,
    accountability_handlers,
)

# Bump when a table changes: at startup a different stored version empties the read models and
# projects the whole log again (ReadModelRecording.ensure_schema_version).
READ_MODEL_VERSION = 5
READ_MODELS = ReadModelSchema(
    READ_MODEL_VERSION,
    areas=(registry_schema, project_schema, case_schema, case_history_schema, accountability_schema, finding_schema),
)


class SQLiteReadModelRecorder(SQLiteReadModelRecording):
    """Every area's read models in the SQLite file."""

    read_models = READ_MODELS


class PostgresReadModelRecorder(PostgresReadModelRecording):
    """Every area's read models in PostgreSQL."""

    read_models = READ_MODELS
