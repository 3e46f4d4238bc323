"""API tokens for integrations (e.g. the hotline system): issued, revoked and resolved to who they act for."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from uuid import uuid4

from application.accounts.commands import AccountCommands
from application.accounts.ports import TokenIndex
from application.accounts.sessions import account_principal, token_hash
from application.shared.access import Permission, Principal, require
from application.shared.clock import Clock
from application.shared.errors import NotFound, TokenWouldSkipSecondFactor, VersionConflict
from application.shared.store import Store

TOKEN_PREFIX = "gx_"


@dataclass(frozen=True)
class IssuedToken:
    """A new API token: `token` is shown this once and stored only as a hash."""

    token_id: str
    name: str
    token: str
    username: str


@dataclass(frozen=True)
class TokenInfo:
    """A live token as listed (never the token itself)."""

    token_id: str
    name: str
    issued_at: str


@dataclass(frozen=True)
class TokenCommands:
    """Bearer tokens: only their SHA-256 is kept, and the account's events decide whether one is live."""

    store: Store
    clock: Clock
    tokens: TokenIndex
    accounts: AccountCommands

    def issue_token(self, principal: Principal, username: str, name: str) -> IssuedToken:
        """A new bearer token for the account, shown once; only its SHA-256 is kept."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.accounts.get_account(username)
        if account.requires_second_factor or account.totp_secret is not None:  # a token cannot carry a code
            raise TokenWouldSkipSecondFactor(account.requires_second_factor)
        token, token_id = TOKEN_PREFIX + secrets.token_urlsafe(32), uuid4().hex
        account.issue_token(token_id, name, token_hash(token), principal.actor, self.clock.now())
        index = self.tokens
        index.add(token_hash(token), token_id, account.username)  # useless until the event below is saved
        try:
            self.store.commit(account)
        except VersionConflict:
            index.remove(token_id)
            raise
        return IssuedToken(token_id, account.tokens[token_id]["name"], token, account.username)

    def revoke_token(self, principal: Principal, username: str, token_id: str) -> None:
        """Stop a token from working, at once."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.accounts.get_account(username)
        if token_id not in account.tokens:
            raise NotFound("令牌不存在或已吊销", "token_id")
        account.revoke_token(token_id, principal.actor, self.clock.now())
        self.store.commit(account)
        self.tokens.remove(token_id)

    def list_tokens(self, principal: Principal, username: str) -> list[TokenInfo]:
        """The account's live tokens by id and name (the tokens themselves cannot be shown again)."""
        require(principal, Permission.MANAGE_ACCOUNTS)
        account = self.accounts.get_account(username)
        return [TokenInfo(token_id, t["name"], t["issued_at"]) for token_id, t in account.tokens.items()]

    def token_principal(self, token: str) -> Principal | None:
        """Who a bearer token acts for, if it is live and its account is not disabled."""
        if not token:
            return None
        digest = token_hash(token)
        found = self.tokens.find(digest)
        if found is None:
            return None
        username, token_id = found
        try:
            account = self.accounts.get_account(username)
        except NotFound:
            return None
        live = account.tokens.get(token_id)  # the events decide: a revoked token is gone here at once
        code_needed = account.requires_second_factor or account.totp_secret is not None  # TOTP turned on later
        if account.disabled or code_needed or live is None or not hmac.compare_digest(live["token_hash"], digest):
            return None
        return account_principal(account)
