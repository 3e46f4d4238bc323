"""What the registry API answers: units, task forces, enterprises and the vocabulary."""

from pydantic import BaseModel

from web.shared.schemas import Choice


class UnitOut(BaseModel):
    """A responsible unit."""

    # Two models are called UnitOut, so the OpenAPI component is named after the module: the name it had
    # before web/ was split by area, kept so that clients generated from the document keep their class.
    __module__ = "web.api.schemas"

    key: str
    name: str
    short_name: str


class UnitListOut(BaseModel):
    """Every responsible unit."""

    items: list[UnitOut]


class TaskForceOut(BaseModel):
    """A task force."""

    key: str
    name: str
    leader: str
    member_units: list[str]


class TaskForceListOut(BaseModel):
    """Every task force."""

    items: list[TaskForceOut]


class EnterpriseOut(BaseModel):
    """An enterprise found by search."""

    uscc: str
    name: str
    street: str
    industry: str


class EnterpriseListOut(BaseModel):
    """Enterprises matching a search."""

    items: list[EnterpriseOut]


class VocabularyOut(BaseModel):
    """The fixed vocabularies forms offer."""

    channels: list[Choice]
    categories: list[str]
    dispositions: list[Choice]
    satisfactions: list[Choice]
    escalation_levels: list[Choice]
    statuses: list[Choice]
    roles: list[Choice]
    streets: list[str]
