"""Credential shapes: one table of every format the detectors know, and the values public by design.

:func:`pattern` holds every format as a named group (prefix, length and charset).  ``_TRIGGER`` is
a regex of short anchors, each starting with a character rare in clean data (``_`` after ``ghp``,
``-`` after ``xoxb``, ``!`` after a Salesforce org id, ``:`` after ``Authorization``…): a clean
string costs that one search, and each anchor says where its shape starts, so a candidate costs
one match of the pattern.  The detectors validate each candidate (``detectors.py``).

Public-by-design values (Stripe ``pk_`` keys, Twilio ``AC`` account SIDs, OAuth client ids, public
keys and certificates, also as base64 DER) and published documentation examples are listed here
too, so that no detector reports them.
"""

from __future__ import annotations

import functools
import re

__all__ = ["MIN_LENGTH", "may_hold_secret", "is_public_by_design", "is_documentation_example"]

#: Strings shorter than this cannot hold any detected shape (the shortest is a URL password).
MIN_LENGTH = 12

# The table of formats.  Every token body has an upper bound, well above the longest real token of its kind: a failed try
# then costs bounded time, so a string of repeated shape starts is scanned in linear time.  The
# bounds are tight only where a body may hold the next shape start (Atlassian, Salesforce: ``=``,
# ``.`` and ``_`` pass their look-behinds); a longer run still matches its first part (only
# ``b64json`` must end where its run ends).  JWT headers may carry certificate chains (``x5c``).
_PATTERN_SOURCE = r"""
      (?P<github>(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251})
    | (?P<github_pat>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})
    | (?P<gitlab>(?<![\w-])(?:glpat|gldt|glft|glsoat|glrt|glffct|glimt|glagent|gloas|glptt)-[\w.-]{20,300}
        |GR1348941[\w-]{20})
    | (?P<slack>(?<![\w-])xox[abeoprs]-\d{1,13}-[A-Za-z0-9-]{8,255})
    | (?P<slack_app>(?<![\w-])xapp-\d-[A-Z0-9]{1,64}-\d{1,32}-[a-z0-9]{16,255})
    | (?P<slack_webhook>hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56})
    | (?P<stripe>(?<![A-Za-z0-9])[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,247})
    | (?P<stripe_whsec>(?<![A-Za-z0-9])whsec_[A-Za-z0-9+/=]{24,255})
    | (?P<shopify>(?<![A-Za-z0-9])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})
    | (?P<hubspot>(?<![A-Za-z0-9])pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})
    | (?P<heroku>HRKU-AA[0-9A-Za-z_-]{58})
    | (?P<salesforce>(?<![A-Za-z0-9])00[A-Za-z0-9]{13}![A-Za-z0-9_.]{80,256})
    | (?P<salesforce_refresh>(?<![A-Za-z0-9])5(?i:AEP861)[A-Za-z0-9._=]{80,256})
    | (?P<google_api>(?<![\w-])AIza[\w-]{35})
    | (?P<google_access>(?<![\w.-])ya29\.[A-Za-z0-9_-]{20,2048})
    | (?P<google_refresh>(?<![\w/])1//0[A-Za-z0-9_-]{40,512})
    | (?P<google_secret>(?<![\w-])GOCSPX-[A-Za-z0-9_-]{28})
    | (?P<aws_id>(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9]))
    | (?P<aws_bedrock>(?<![A-Za-z0-9])ABSK[A-Za-z0-9+/]{109,269}={0,2})
    | (?P<twilio>(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9]))
    | (?P<sendgrid>(?<![\w.])SG\.[\w-]{22}\.[\w-]{43})
    | (?P<atlassian>(?<![A-Za-z0-9])AT[AC]TT3[A-Za-z0-9_=-]{150,400})
    | (?P<notion>(?<![A-Za-z0-9])ntn_\d{11}[A-Za-z0-9]{35})
    | (?P<notion_legacy>(?<![A-Za-z0-9_])secret_[A-Za-z0-9]{43}(?![A-Za-z0-9]))
    | (?P<linear>(?<![A-Za-z0-9])lin_(?:api|oauth)_[A-Za-z0-9]{40})
    | (?P<entra_secret>(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-]))
    | (?P<entra_refresh>(?<![\w.-])[01]\.A[\w-]{50,4096}(?:\.\d)?\.Ag[\w-]{250,8192}(?:\.A[\w-]{200,4096})?)
    | (?P<openai>(?<![\w-])sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,1024}T3BlbkFJ[A-Za-z0-9_-]{20,1024})
    | (?P<anthropic>(?<![\w-])sk-ant-(?:api03|admin01)-[\w-]{93}AA)
    | (?P<npm>(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36})
    | (?P<huggingface>(?<![A-Za-z0-9])hf_[A-Za-z]{34}(?![A-Za-z0-9]))
    | (?P<mailchimp>(?<![0-9a-f])[0-9a-f]{32}-us\d{1,2}(?!\d))
    | (?P<square>(?<![\w-])(?:sq0atp-[\w-]{22,60}|sq0csp-[\w-]{43})|(?<![\w+/=-])EAAA[\w-]{60}(?![\w+/=-]))
    | (?P<pypi>pypi-AgEIcHlwaS5vcmc[\w-]{50,4096})
    | (?P<jwt>(?<![\w-])(?:eyJ|ewogIC|ewoi)[A-Za-z0-9_-]{8,16384}={0,2}\.[A-Za-z0-9_-]{8,65536}={0,2}\.[A-Za-z0-9_-]{0,8192})
    | (?P<b64pem>(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{60,65536}={0,2})
    | (?P<b64json>(?<![A-Za-z0-9+/_-])(?:eyJ|ewo)[A-Za-z0-9+/_-]{80,65536}={0,2}(?![A-Za-z0-9+/_.-]))
    | (?P<pem>-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE[ ]KEY(?:[ ]BLOCK)?-----|PuTTY-User-Key-File-\d:)
    | (?P<connstr>(?<![A-Za-z])(?:[Pp]assword|PASSWORD|[Pp]wd|PWD)=[^;'"\s]{4,1024})
    | (?P<azure_key>(?<![A-Za-z])(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{30,1024}={0,2})
    | (?P<okta>(?<![A-Za-z])SSWS\s{1,16}00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-]))
    | (?P<teams_webhook>webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36})
    | (?P<basic>(?<![A-Za-z])[Bb]asic\s{1,16}[A-Za-z0-9+/]{6,4096}={0,2})
    | (?P<bearer>(?<![A-Za-z])[Bb]earer\s{1,16}[A-Za-z0-9._~+/-]{16,16384}={0,2})
    | (?P<telegram>(?<=[0-9]{8}):AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-]))
    | (?P<mailgun_key>(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9]))
    | (?P<digitalocean>(?<![A-Za-z0-9])do[opr]_v1_[0-9a-f]{64})
    | (?P<sentry>(?<![A-Za-z0-9])sntry[su]_[A-Za-z0-9_+/=]{64,1024})
    | (?P<newrelic>(?<![A-Za-z0-9])NRAK-[A-Z0-9]{27})
    | (?P<dockerhub>(?<![A-Za-z0-9])dckr_pat_[A-Za-z0-9_-]{27})
    | (?P<curl_user>(?<![\w-])(?:-u|--user)(?:[ ]{1,4}|=)["']?[^\s:"']{1,256}:[^\s"']{1,512})
    | (?P<aws_sigv4>AWS4-HMAC-SHA256[ ]{1,16}Credential=[^\s,]{1,512},[ ]{0,16}SignedHeaders=[^\s,]{1,2048},[ ]{0,16}Signature=[0-9a-f]{64})
    """


@functools.cache
def pattern() -> re.Pattern[str]:
    """The table of every format, compiled on first use: a run over clean files never needs it."""
    return re.compile(_PATTERN_SOURCE, re.X)

# Header lines (``Authorization: …``, ``"Cookie": …``), anchored on their rarest letter: the ``z``
# of Authorization, the ``k`` of Cookie.  ``-`` and ``:`` head no anchor, so timestamps and
# kebab-case ids never enter the alternation.  (All-caps header lines in text are not looked for;
# a member or pair named ``AUTHORIZATION`` is, by its name.)
_HEADER_ANCHOR_LIST: tuple[tuple[str, int], ...] = ((r"z(?=ation[\"']?:)", 7), (r"k(?<=[Cc]ook)(?=ie[\"']?:)", 3))

# The prefilter: every branch of _PATTERN contains one of these anchors, and each anchor starts with a
# character that is rare in clean data, so a clean string costs one fast search instead of a trial of
# every branch at every position.  Each anchor also says exactly how many characters before it the
# shape starts, so a candidate costs one ``match``.  Keep it in step with _PATTERN.
_ANCHORS: tuple[tuple[str, int], ...] = (
    (r"_(?<=gh[pousr]_)", 3), (r"_(?<=github_)", 6), (r"_(?<=[rs]k_)", 2), (r"_(?<=whsec_)", 5),
    (r"_(?<=shp[acps][tas]_)", 5), (r"_(?<=ntn_)", 3), (r"_(?<=secret_)", 6), (r"_(?<=lin_)", 3),
    (r"_(?<=npm_)", 3), (r"_(?<=hf_)", 2),
    (r"g(?=l(?:pat|dt|ft|soat|rt|ffct|imt|agent|oas|ptt)-)", 0), (r"G(?=R1348941|OCSPX-)", 0),
    (r"x(?=ox[abeoprs]-|app-)", 0), (r"p(?=at-(?:na|eu)1-|ypi-AgEIcHlwaS5vcmc)", 0), (r"H(?=RKU-AA)", 0),
    (r"k(?<=sk)-", 1), (r"k(?<=hook)s\.slack\.com/", 3), (r"q(?<=sq)0(?:atp|csp)-", 1),
    (r"u(?<=[0-9a-f]-u)s\d", 33),  # Mailchimp: 32 hex, then -usN
    (r"y(?=a29\.)", 0), (r"S(?=G\.|K[0-9a-fA-F]{32})", 0), (r"A(?<=[01]\.A)", 2),
    (r"!(?<=00[A-Za-z0-9]{13}!)", 15), (r"~(?<=\dQ~)", 5), (r"/(?<=1//)0", 2),
    (r"A(?:Iza|KIA|SIA|BIA|CCA|3T[A-Z0-9]|BSK|T[AC]TT3)", 0), (r"E(?=AAA)", 0),
    (r"P(?<=5[Aa][Ee]P)861", 3), (r"p(?<=5[Aa][Ee]p)861", 3), (r"J(?<=eyJ)", 2), (r"w(?<=ew)o[gi]", 1),
    (r"B(?=asic\s|earer\s)", 0), (r"b(?=asic\s|earer\s)", 0), (r"B(?<=-----B)EGIN", 5),
    (r"=(?<=[Pp]assword=)", 8), (r"=(?<=PASSWORD=)", 8), (r"=(?<=[Pp]wd=)", 3), (r"=(?<=PWD=)", 3),
    (r"=(?<=AccountKey=)", 10), (r"=(?<=SharedAccessKey=)", 15),
    (r"P(?=uTTY-User-Key-File)", 0), (r"L(?=S0tLS1CRUdJTi)", 0),
    (r"S(?=SWS\s)", 0), (r"k(?<=webhook)\.office\.com/", 6), (r"A(?=WS4-HMAC-SHA256 )", 0),
    (r"A(?<=[0-9]:A)A", 1), (r"k(?=ey-[0-9a-f]{32})", 0), (r"_(?<=do[opr]_)v1_", 3), (r"_(?<=sntry[su]_)", 6),
    (r"A(?<=NRA)(?=K-)", 2), (r"_(?<=dckr_)pat_", 4), (r"u(?=[ =])", 1), (r"u(?<=--u)(?=ser[ =])", 2),
) + _HEADER_ANCHOR_LIST
# The character before each common head, for the anchors above: one class test rejects most
# occurrences of the head character before any lookbehind runs.
_GUARDS = {
    "_": r"(?<=[pousrbkctanmf]_)",
    "=": r"(?<=[dDy]=)",
    "u": r"(?<=-u)",  # Mailchimp's ``-us1``, curl's ``-u`` and ``--user``
}


def _build_trigger() -> tuple[re.Pattern[str], dict[str, int]]:
    # Alternatives sharing a first character are grouped behind it (``_(?:…|…)``): the regex engine
    # then skips every position whose character starts no anchor, and tries the rest only once.  Every
    # anchor must start with a literal character (not a class such as ``\s``), or that skip is lost.
    # The last alternative, ``://`` (no group: its match has no ``lastgroup``), is where URL
    # parsing starts (urls.py).
    groups: dict[tuple[str, str], list[str]] = {}
    back: dict[str, int] = {}
    for i, (rx, n) in enumerate(_ANCHORS):
        head = rx[:2] if rx.startswith("\\") else rx[0]
        guard = _GUARDS.get(head, "")
        groups.setdefault((head, guard), []).append(f"(?P<a{i}>{rx[len(head):]})")
        back[f"a{i}"] = n
    # Groups whose head is a common character come first (letters by their English frequency):
    # the engine tries the groups in order at every position where one of their heads occurs.
    order = sorted(groups.items(), key=lambda group: _HEAD_ORDER.find(group[0][0][-1]) % 1000)
    alternatives = [f"{head}{guard}(?:{'|'.join(alts)})" for (head, guard), alts in order] + ["://"]
    return re.compile("|".join(alternatives)), back


_HEAD_ORDER = "etaoinsrhldcumfpgwybvkxjqz_-./:=!~ETAOINSRHLDCUMFPGWYBVKXJQZ"


_TRIGGER, _BACK = _build_trigger()

# Header lines (``Authorization: …``, ``"Cookie": …``) have their own anchors and regex: a header
# line is parsed (headers.py), not matched by the pattern.
_HEADER_LINE = re.compile(r"""(?<![A-Za-z0-9_])(?:[Aa]uthorization|[Cc]ookie)["']?:""")
_HEADER_ANCHORS = frozenset(f"a{i}" for i, anchor in enumerate(_ANCHORS) if anchor in _HEADER_ANCHOR_LIST)
#: A match when :func:`find_secrets` may find something in a string without the AWS context (a
#: format's anchor or a URL); None proves it finds nothing, at the cost of one search.
may_hold_secret = _TRIGGER.search


_GITHUB_KINDS = {
    "ghp": "GitHub personal access token",
    "gho": "GitHub OAuth token",
    "ghu": "GitHub user-to-server token",
    "ghs": "GitHub server-to-server token",
    "ghr": "GitHub refresh token",
}
_SLACK_KINDS = {"xoxb": "Slack bot token", "xoxp": "Slack user token", "xoxe": "Slack refresh token",
                "xoxa": "Slack app token", "xoxr": "Slack refresh token"}

_KIND = {
    "github_pat": "GitHub fine-grained personal access token",
    "gitlab": "GitLab token",
    "slack_app": "Slack app-level token",
    "slack_webhook": "Slack webhook URL",
    "stripe_whsec": "Stripe webhook signing secret",
    "hubspot": "HubSpot private app token",
    "heroku": "Heroku API key",
    "salesforce": "Salesforce access token",
    "salesforce_refresh": "Salesforce refresh token",
    "google_api": "Google API key",
    "google_access": "Google OAuth access token",
    "google_refresh": "Google OAuth refresh token",
    "google_secret": "Google OAuth client secret",
    "aws_id": "AWS access key ID",
    "aws_bedrock": "AWS Bedrock API key",
    "twilio": "Twilio API key",
    "sendgrid": "SendGrid API key",
    "atlassian": "Atlassian API token",
    "notion": "Notion integration token",
    "notion_legacy": "Notion integration token",
    "linear": "Linear API key",
    "entra_secret": "Microsoft Entra client secret",
    "entra_refresh": "Microsoft refresh token",
    "openai": "OpenAI API key",
    "anthropic": "Anthropic API key",
    "npm": "npm access token",
    "huggingface": "Hugging Face token",
    "mailchimp": "Mailchimp API key",
    "pypi": "PyPI API token",
    "jwt": "JSON Web Token",
    "pem": "private key",
    "b64pem": "base64-encoded private key",
    "b64json": "base64-encoded JSON holding credentials",
    "url": "password in a URL",
    "connstr": "password in a connection string",
    "okta": "Okta API token",
    "teams_webhook": "Microsoft Teams webhook URL",
    "azure_key": "Azure access key in a connection string",
    "basic": "Basic authorization credentials",
    "bearer": "Bearer token",
    "aws_sigv4": "AWS Signature Version 4 authorization",
    "telegram": "Telegram bot token",
    "mailgun_key": "Mailgun API key",
    "digitalocean": "DigitalOcean token",
    "sentry": "Sentry auth token",
    "newrelic": "New Relic API key",
    "dockerhub": "Docker Hub access token",
    "curl_user": "password in a command line",
}

# --- public by design ----------------------------------------------------------------------------

_PUBLIC_SOURCE = r"""
      pk_(?:live|test)_[A-Za-z0-9]{10,247}                       # Stripe publishable key
    | AC[0-9a-f]{32}                                              # Twilio account SID
    | \d{6,20}-[a-z0-9]{32}\.apps\.googleusercontent\.com        # Google OAuth client id
    | Iv1\.[0-9a-f]{16} | [IO]v23li[A-Za-z0-9]{14}                # GitHub App / OAuth App client ids
    | 00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?                       # Salesforce org id
    | -----BEGIN[ ](?:[A-Z0-9 ]*PUBLIC[ ]KEY|(?:TRUSTED[ ])?CERTIFICATE|X509[ ]CRL|(?:NEW[ ])?CERTIFICATE[ ]REQUEST
                   |PKCS7|CMS|DH[ ]PARAMETERS|EC[ ]PARAMETERS)-----[\s\S]*
    | (?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com)[ ]AAAA[A-Za-z0-9+/=]+(?:[ ].*)?
    | https?://[0-9a-f]{32}@[\w.-]+/\d+                           # Sentry DSN (public key only)
    | MI[A-Za-z0-9+/]{2,3}ANBgkqhkiG9w0BAQEFAAO[A-Za-z0-9+/=\s]+   # RSA public key (SubjectPublicKeyInfo), base64 DER
    | MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE[A-Za-z0-9+/=]+          # EC P-256 public key, base64 DER
    | MCowBQYDK2VwAyEA[A-Za-z0-9+/=]+                              # Ed25519 public key, base64 DER
    | MII[A-Za-z0-9+/]{3}CC[A-Za-z0-9+/]{3}gAwIBAgI[A-Za-z0-9+/=\s]+  # X.509 certificate, base64 DER
    | AKIAIOSFODNN7EXAMPLE | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  # AWS documentation example pair
    """


@functools.cache
def _public() -> re.Pattern[str]:
    return re.compile(_PUBLIC_SOURCE, re.X)


def is_public_by_design(value: str) -> bool:
    """The whole value is public by design (publishable keys, SIDs, client ids, public keys)."""
    return _public().fullmatch(value.strip()) is not None

# Published documentation examples (jwt.io's sample token, the Stripe, Slack and Salesforce docs'
# examples), by SHA-256 prefix so that this file holds no credential-shaped text.  The AWS
# documentation pair ends in EXAMPLE and is recognised by that.
_DOCUMENTATION_EXAMPLES = frozenset(
    {
        "7f75367e7881255134e1375e723d1dea", "2ddc147f3a3b5a1722b8ed6be3c45c49", "2cafc0970149a84f3b9e62eaf169f36f",
        "f2d6ca16515033e5dce14eba840b979d", "7e8de44ea9ecf6d53415c90f5b249a85", "7ff1a53b5b357038884ac6313f782ba9",
    }
)


def is_documentation_example(token: str) -> bool:
    """A credential-shaped value published in a provider's documentation (not a live credential)."""
    import hashlib  # only for a candidate: loading OpenSSL costs every run a few milliseconds

    return hashlib.sha256(token.encode()).hexdigest()[:32] in _DOCUMENTATION_EXAMPLES
