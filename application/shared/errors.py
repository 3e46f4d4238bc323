"""Errors the application raises, each with a stable code, an HTTP-like status and a Chinese message."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import DomainError


class ApplicationError(DomainError):
    """Base of application errors (shares code/message/field with domain errors)."""

    code = "application_error"
    status = 400


class NotFound(ApplicationError):
    """The thing asked for does not exist (or is outside the asker's scope)."""

    code = "not_found"
    status = 404


class Forbidden(ApplicationError):
    """The person may see this but not do it (their role or remit does not allow it)."""

    code = "forbidden"
    status = 403


class VersionConflict(ApplicationError):
    """Someone else changed the case first; the caller must reload and try again."""

    code = "version_conflict"
    status = 409

    def __init__(self, current_version: int, expected_version: int | None = None) -> None:
        super().__init__(f"该问题已被他人更新（当前版本 {current_version}），请刷新后重试", "expected_version")
        self.current_version = current_version
        self.expected_version = expected_version


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a submission."""

    code: str
    message: str
    field: str | None


class ValidationFailed(ApplicationError):
    """A submission had one or more bad fields; nothing was saved."""

    code = "validation_failed"
    status = 422

    def __init__(self, errors: list[FieldError]) -> None:
        first = errors[0]
        super().__init__(first.message, first.field)
        self.code = first.code if len(errors) == 1 else self.code
        self.errors = errors

    @classmethod
    def collect(cls, errors: list[DomainError]) -> ValidationFailed:
        """Gather several domain errors into one failure."""
        unique = {(e.field, e.message): FieldError(e.code, e.message, e.field) for e in errors}
        return cls(list(unique.values()))


class ReportPeriodReversed(ApplicationError):
    """A report's period ends before it begins."""

    code = "period_reversed"
    status = 422


class InvalidReportQuery(ApplicationError):
    """A report's dates or parameters cannot be read (malformed, in the future, out of range)."""

    code = "invalid_report_query"
    status = 422


class TokenWouldSkipSecondFactor(ApplicationError):
    """An account that logs in with a one-time code gets no API token: a token cannot carry the code."""

    code = "token_second_factor_account"
    status = 422

    def __init__(self, by_role: bool) -> None:
        super().__init__(
            "纪检监察和系统管理员账号须使用动态口令登录，不能签发接口令牌"
            if by_role
            else (
                "该账号已开启动态验证码登录，接口令牌无法携带动态验证码，不能签发；"
                "集成系统请使用未开启动态验证码的专用账号"
            ),
            "username",
        )


class SecretKeyMissing(ApplicationError):
    """A TOTP secret would be stored unsealed: the server has no GANXIN_SECRET_KEY (only demo mode may)."""

    code = "totp_needs_secret_key"
    status = 503

    def __init__(self) -> None:
        super().__init__(
            "服务器未设置 GANXIN_SECRET_KEY，动态验证码密钥无法加密保存，暂不能登记动态验证码；请系统管理员设置后重试",
            "totp",
        )
