"""Named domain errors: each has a stable code for programs and a Chinese message for people."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; nothing may be saved."""

    code = "domain_error"
    status = 422

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidValue(DomainError):
    """A value given by a person is not acceptable (empty, too long, unknown)."""

    code = "invalid_value"


class InvalidCreditCode(InvalidValue):
    """A unified social credit code fails GB 32100-2015."""

    code = "invalid_credit_code"


class IllegalTransition(DomainError):
    """The action is not allowed in the case's current state."""

    code = "illegal_transition"
    status = 409


class CaseIsClosed(IllegalTransition):
    """The case is closed or registered as cannot-do; it takes no more actions."""

    code = "case_closed"


class NotAssigned(IllegalTransition):
    """The action needs the case to be assigned to a unit first."""

    code = "not_assigned"


class NotClassified(IllegalTransition):
    """The case must be judged (classified) before it can be assigned."""

    code = "not_classified"


class NotResolved(IllegalTransition):
    """The action needs the case to be resolved first."""

    code = "not_resolved"


class WrongUnit(IllegalTransition):
    """A unit acted on a case that is not with it."""

    code = "wrong_unit"


class NoPendingExtension(IllegalTransition):
    """An extension was granted or refused but none was requested."""

    code = "no_pending_extension"


class ExtensionAlreadyPending(IllegalTransition):
    """An extension was requested while another one awaits a decision."""

    code = "extension_pending"


class AlreadyEscalated(IllegalTransition):
    """The case is already escalated to this level or a higher one."""

    code = "already_escalated"


class FeedbackAlreadyGiven(IllegalTransition):
    """The enterprise already rated this resolution."""

    code = "feedback_given"


class TaskForceDissolved(IllegalTransition):
    """The task force was dissolved; it holds no more meetings and takes no more members."""

    code = "task_force_dissolved"


class NotAMember(IllegalTransition):
    """The unit is not (or no longer) a member of the task force."""

    code = "not_a_member"


class TierOccupied(IllegalTransition):
    """A secretary already serves at this tier: replace them instead of appointing a second."""

    code = "tier_occupied"


class TierVacant(IllegalTransition):
    """No secretary serves at this tier, so there is nobody to replace."""

    code = "tier_vacant"


class UnknownMilestone(IllegalTransition):
    """The project has no milestone of that name."""

    code = "unknown_milestone"


class PeriodAlreadyAwarded(IllegalTransition):
    """Stars for this period were already chosen."""

    code = "period_awarded"
