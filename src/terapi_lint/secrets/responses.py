"""Documented object shapes that hold credentials next to public members: OAuth token responses and
JSON Web Keys.

Integrations store a provider's token response as it came (often under ``credentials.raw``).
Only some of its members are credentials; the rest are public facts about the grant, and a few of
those look random: Salesforce's ``signature`` is a base64 HMAC over the public ``id`` and
``issued_at`` (meant to be verified, not kept secret) and Microsoft's ``client_info`` is base64
JSON of the user and tenant ids.  :data:`TOKEN_RESPONSES` records, per provider, which members of
the documented responses are credentials and which are public: the public members of every
documented response are never taken for an opaque credential, and the tests check that every
credential member is a credential name (a bare ``token``, as in HubSpot's token information or a
GitHub installation token, is one anywhere).

A JSON Web Key (an object with ``kty``) is public except for its private members (``d``, ``p``,
``q``, ``dp``, ``dq``, ``qi``, ``oth``, and ``k`` of a symmetric key): a JWKS of public keys
is not a secret, a private JWK is; the public members' names are quiet everywhere.  A Firebase web app config (``apiKey`` beside ``authDomain``
and ``projectId`` or ``appId``) is public by design: its ``apiKey`` identifies the project to
Google and ships in every web page that uses it.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "Response", "TOKEN_RESPONSES", "PUBLIC_MEMBERS", "JWK_PRIVATE_MEMBERS", "is_jwk", "public_member",
]


class Response(NamedTuple):
    """The members of one provider's documented token response(s)."""

    credentials: frozenset[str]
    public: frozenset[str]


def _r(credentials: str, public: str) -> Response:
    return Response(frozenset(credentials.split()), frozenset(public.split()))


_OAUTH = "token_type expires_in scope"
TOKEN_RESPONSES: dict[str, Response] = {
    # OAuth 2.0 web-server and refresh flows; the identity URL and the signature are for verification.
    "salesforce": _r("access_token refresh_token id_token",
                     f"{_OAUTH} signature id instance_url issued_at sfdc_community_url sfdc_community_id api_instance_url"),
    "google": _r("access_token refresh_token id_token", f"{_OAUTH} refresh_token_expires_in"),
    # Entra ID v2 token endpoint and the MSAL token cache (whose ``secret`` members hold the tokens).
    "microsoft": _r("access_token refresh_token id_token secret",
                    f"{_OAUTH} ext_expires_in expires_on not_before resource client_info foci correlation_id trace_id "
                    "home_account_id environment realm target credential_type cached_at extended_expires_on"),
    # oauth.v2.access: a bot token, the user's token, and the incoming webhook URL (itself a credential).
    "slack": _r("access_token refresh_token url",
                f"{_OAUTH} ok app_id bot_user_id id team enterprise is_enterprise_install authed_user "
                "incoming_webhook channel channel_id configuration_url name"),
    # OAuth App and GitHub App user tokens, and installation access tokens (``token``).
    "github": _r("access_token refresh_token token",
                 f"{_OAUTH} refresh_token_expires_in expires_at permissions repository_selection repositories single_file"),
    # /oauth/v1/token and the access-token information endpoint (``token``, ``signed_access_token``).
    "hubspot": _r("access_token refresh_token token id_token",
                  f"{_OAUTH} hub_id hub_domain app_id user user_id scopes is_private_distribution "
                  "scope_to_scope_group_pks trial_scopes trial_scope_to_scope_group_pks signed_access_token"),
    # Connect OAuth: the access token is a secret key, the publishable key is public by design.
    "stripe": _r("access_token refresh_token", f"{_OAUTH} livemode stripe_user_id stripe_publishable_key"),
    # Atlassian 3LO; the accessible-resources list gives public cloud ids and site URLs.
    "atlassian": _r("access_token refresh_token", f"{_OAUTH} id url name scopes avatarUrl"),
    "zoom": _r("access_token refresh_token", f"{_OAUTH} api_url"),
    # Offline and online access modes; the associated user is public profile data.
    "shopify": _r("access_token", f"{_OAUTH} associated_user_scope associated_user"),
}

# Public protocol members of OAuth flows stored next to the tokens (PKCE, state, OIDC).
_PROTOCOL_PUBLIC = frozenset(
    {"state", "session_state", "nonce", "code_challenge", "code_challenge_method", "grant_type", "response_type",
     "redirect_uri", "token_endpoint", "authorization_endpoint", "issuer", "jwks_uri"}
)

# The public members of a JSON Web Key (RFC 7517 §4, RFC 7518 §6).
_JWK_PUBLIC = frozenset({"kty", "use", "key_ops", "alg", "kid", "x5u", "x5c", "x5t", "x5t#S256", "n", "e", "crv", "x", "y"})

#: Members that are public in every documented response or key: never taken for an opaque credential.
PUBLIC_MEMBERS: frozenset[str] = frozenset().union(
    *(r.public for r in TOKEN_RESPONSES.values()), _PROTOCOL_PUBLIC, _JWK_PUBLIC
) - frozenset(name for r in TOKEN_RESPONSES.values() for name in r.credentials)


#: Members of a JSON Web Key that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1).
JWK_PRIVATE_MEMBERS = frozenset({"d", "p", "q", "dp", "dq", "qi", "oth", "k"})


def is_jwk(node: dict[Any, Any]) -> bool:
    """A JSON Web Key (RFC 7517): an object with a string ``kty``."""
    return type(node.get("kty")) is str


def public_member(node: dict[Any, Any]) -> str | None:
    """The member of a documented public config that looks like a credential but is not one
    (the ``apiKey`` of a Firebase web app config), or None."""
    if "authDomain" in node and "apiKey" in node and ("projectId" in node or "appId" in node):
        return "apiKey"
    return None
