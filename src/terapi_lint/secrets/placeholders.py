"""Placeholders and references: values that stand in for a secret without being one.

``is_placeholder`` is deliberately structural: empty or null-ish, masked (``****``, ``xxxx``,
``•••``, ``sk_live_…4242``), redaction markers, template variables (``${VAR}``, ``{{ var }}``, ``<token>``, ``%VAR%``,
``$VAR``, GitHub Actions ``${{ secrets.X }}``, Python ``%(name)s`` and ``{name}``), references to a
secret store (``vault://``, ``arn:aws:secretsmanager:``, ``arn:aws:kms:``, ``op://``,
``projects/*/secrets/*``, ``env:``) and values encrypted at rest (Ansible Vault, SOPS ``ENC[…]``).
It holds no stopword list: a real password that happens to be ``changeme`` is still a password
(see docs/secrets.md).

Nothing here is memoized: these functions see candidate secrets, and no cache may hold one.
"""

from __future__ import annotations

import re

from terapi_lint.lazyre import LazyPattern

__all__ = ["is_placeholder", "is_reference", "is_example_word"]

_NULLISH = frozenset(
    {
        "", "null", "none", "nil", "undefined", "n/a", "na", "tbd", "todo", "redacted", "[redacted]",
        "(redacted)", "<redacted>", "***redacted***", "**redacted**", "[filtered]", "filtered", "[hidden]",
        "hidden", "masked", "[masked]", "removed", "[removed]", "omitted", "[omitted]", "<omitted>",
        "sensitive", "[sensitive]", "<sensitive>", "secret-redacted", "******",
    }
)

_TEMPLATE = LazyPattern(
    r"""
    \$\{[^{}]{1,200}\}            # ${VAR} / ${VAR:-default}
  | \$\{\{[^{}]{1,200}\}\}        # ${{ secrets.X }} (GitHub Actions)
  | %\([A-Za-z_][A-Za-z0-9_]{0,100}\)[sdr]  # %(name)s (Python)
  | \{[A-Za-z_][A-Za-z0-9_.]{0,100}\}  # {name} (str.format)
  | \$\([^()]{1,200}\)            # $(command) / Azure DevOps $(var)
  | \{\{[^{}]{1,200}\}\}          # {{ var }}
  | \{%[^%]{1,200}%\}             # {% ... %}
  | <[^<>]{1,120}>                # <token>, <a real token>
  | %[A-Za-z_][A-Za-z0-9_]{0,100}%  # %VAR%
  | \$[A-Z_][A-Z0-9_]{0,100}      # $VAR (upper case: ``$ecret`` stays a password)
  | \[[A-Za-z][A-Za-z0-9 _-]{0,60}\]  # [TOKEN], [your password]
    """,
    re.X,
)

_REFERENCE = LazyPattern(
    r"""
    (?:vault|op|sm|ssm|secretsmanager|gcpsm|awssm|azkv|keyvault|doppler|infisical|bws|akv|kms)://
  | arn:aws[a-z-]*:(?:secretsmanager|kms|ssm):
  | projects/[^/\s]+/secrets/[^/\s]+
  | (?:env|secretref|vault)[:=][A-Za-z_./{$-]
  | https://[a-z0-9-]+\.vault\.azure\.net/(?:secrets|keys)/
  | \$ANSIBLE_VAULT;\d             # Ansible Vault ciphertext
  | ENC\[[A-Z0-9_]{1,32},data:      # SOPS ciphertext
    """,
    re.X | re.I,
)

# A mask: a run of mask characters, possibly around a short visible prefix/suffix (``sk_live_****1234``).
# An ellipsis (``sk_live_…4242``, ``ghp_...a1b2``) or a redaction word cuts a value as a mask does.
_MASK_RUN = LazyPattern(r"[*•●·∙◦■□#]{3,}|[xX]{4,}|…|\.{3,}|(?i:redacted|masked|hidden|truncated)")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_ONLY_MASK = LazyPattern(r"[\s*•●·∙◦■□#xX._\-/:]+")


def is_reference(value: str) -> bool:
    """A pointer into a secret store or the environment rather than the secret itself."""
    return _REFERENCE.match(value.strip()) is not None


def is_placeholder(value: str) -> bool:
    """True when ``value`` is clearly not a real secret: empty, null-ish, masked, a template, a reference."""
    v = value.strip()
    if v.lower() in _NULLISH:
        return True
    if _ONLY_MASK.fullmatch(v):
        return True
    if _TEMPLATE.fullmatch(v):
        return True
    if is_reference(v):
        return True
    if _MASK_RUN.search(v) is not None:
        # Masked with at most a short visible prefix/suffix: the visible part is not the secret.
        visible = len(_ALNUM.findall(_MASK_RUN.sub("", v)))
        if visible <= max(12, len(v) // 3):
            return True
    return False


_EXAMPLE_WORDS = LazyPattern(
    r"(?i)(?:your|my)[-_ ]?[a-z_ -]*|(?:the|a|an|some)[-_ ][a-z_ -]*|password|passwd|pass|pwd|secret|changeme|example|"
    r"sample|dummy|test|token|apikey|api[-_]key|foo|bar|baz|qux|user|username|pw|p@ssw0rd|xxx+|\.\.\.|…"
)


def is_example_word(value: str) -> bool:
    """Documentation filler (``your-secret-key-here``, ``password``, ``foo``) in free text.

    Only used where the evidence is weak (a password inside a URL in prose, a ``Bearer`` word):
    never for a value under a credential key.
    """
    return is_placeholder(value) or _EXAMPLE_WORDS.fullmatch(value.strip()) is not None
