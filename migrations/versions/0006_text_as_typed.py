"""Text as typed: stored user text is no longer folded; folding lives in derived keys only.

From this revision on, `clean_input` keeps letters and digits exactly as typed (NFC instead of
NFKC; ي/ك and ۱۴۰۵ are stored as typed) and only the derived keys (`match_key`,
`compact_key`, computed in memory for near-duplicate hints and name uniqueness) fold them.

Honest limits of this migration:

* Text saved before it was folded on the way in (Persian/Arabic digits became ASCII, ي/ك
  became ی/ک, presentation forms and full-width letters became plain letters). What the
  person actually typed was never stored, so it **cannot be recovered**: those rows keep
  their folded spelling. The display rules (contextual digits in the Persian UI and PDF)
  still show their digits as Persian inside Persian text.
* The schema holds no stored derived-key columns (every key is computed from the text when
  needed), so there is nothing to recompute. Folded text is already in the canonical form
  the keys use, so every key stays what it was.

Upgrade and downgrade therefore change no rows and no tables; the revision marks the point
after which stored text means "as typed".
"""

revision = "0006_text_as_typed"
down_revision = "0009_register"
branch_labels = None
depends_on = None


def upgrade():
    """No rows change: folded text cannot be unfolded and no derived keys are stored."""


def downgrade():
    """No rows change: text stored as typed stays valid for the older code, which folds
    only what it saves next."""
