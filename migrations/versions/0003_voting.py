"""voting rounds and ballots

Revision ID: 0003_voting
Revises: 0002_focus

Besides the tables, triggers make the database itself refuse what the services refuse:
marks for rounds that are not open, dots over budget or cap, yeses over the maximum, values
off the scale, named marks in anonymous rounds, edits of stored marks, changes to the rules
of a round once it opened, reopening a closed round, and deleting anything but drafts.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_voting"
down_revision = "0002_focus"
branch_labels = None
depends_on = None

def _where(clause: str) -> dict:
    return {"sqlite_where": sa.text(clause), "postgresql_where": sa.text(clause)}


def upgrade():
    _create_round()
    _create_round_point()
    _create_ballot()
    op.create_table(
        "round_turnout",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("voter_ids", sa.JSON(), nullable=False),
        sa.Column("voters", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["vote_round.id"],
                                name=op.f("fk_round_turnout_round_id_vote_round")),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_round_turnout")),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_triggers()
    else:
        _postgresql_triggers()


def _create_round():
    op.create_table(
        "vote_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("results_hidden", sa.Boolean(), nullable=False),
        sa.Column("max_yes", sa.Integer(), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=True),
        sa.Column("per_point_cap", sa.Integer(), nullable=True),
        sa.Column("score_min", sa.Integer(), nullable=False),
        sa.Column("score_max", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("top_k", sa.Integer(), nullable=True),
        sa.Column("matrix_x", sa.String(length=40), nullable=True),
        sa.Column("matrix_y", sa.String(length=40), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("method IN ('approval', 'dots', 'scores', 'ranking')",
                           name=op.f("ck_vote_round_method")),
        sa.CheckConstraint("status IN ('draft', 'open', 'closed')",
                           name=op.f("ck_vote_round_status")),
        sa.CheckConstraint("method <> 'dots' OR budget >= 1", name=op.f("ck_vote_round_dots_budget")),
        sa.CheckConstraint("method <> 'ranking' OR top_k >= 1",
                           name=op.f("ck_vote_round_ranking_top_k")),
        sa.CheckConstraint("per_point_cap IS NULL OR per_point_cap >= 1",
                           name=op.f("ck_vote_round_cap")),
        sa.CheckConstraint("max_yes IS NULL OR max_yes >= 1", name=op.f("ck_vote_round_max_yes")),
        sa.CheckConstraint("score_min < score_max", name=op.f("ck_vote_round_score_scale")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_vote_round_created_by_id_user_account")),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshop.id"],
                                name=op.f("fk_vote_round_workshop_id_workshop")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_round")),
    )
    op.create_index("ix_vote_round_workshop_id", "vote_round", ["workshop_id"], unique=False)
    op.create_index("ix_vote_round_one_open", "vote_round", ["workshop_id"], unique=True,
                    **_where("status = 'open'"))


def _create_round_point():
    op.create_table(
        "round_point",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=140), nullable=False),
        sa.ForeignKeyConstraint(["point_id"], ["focus_point.id"],
                                name=op.f("fk_round_point_point_id_focus_point")),
        sa.ForeignKeyConstraint(["round_id"], ["vote_round.id"],
                                name=op.f("fk_round_point_round_id_vote_round")),
        sa.PrimaryKeyConstraint("round_id", "point_id", name=op.f("pk_round_point")),
    )
    op.create_index("ix_round_point_point_id", "round_point", ["point_id"], unique=False)


def _create_ballot():
    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("voter_key", sa.String(length=64), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("discipline_id", sa.Integer(), nullable=True),
        sa.Column("op_id", sa.String(length=64), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("value IS NULL OR value >= 0", name=op.f("ck_ballot_value")),
        sa.ForeignKeyConstraint(["discipline_id"], ["discipline.id"],
                                name=op.f("fk_ballot_discipline_id_discipline")),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"],
                                name=op.f("fk_ballot_participant_id_participant")),
        sa.ForeignKeyConstraint(["point_id"], ["focus_point.id"],
                                name=op.f("fk_ballot_point_id_focus_point")),
        sa.ForeignKeyConstraint(["round_id"], ["vote_round.id"],
                                name=op.f("fk_ballot_round_id_vote_round")),
        sa.ForeignKeyConstraint(["round_id", "point_id"],
                                ["round_point.round_id", "round_point.point_id"],
                                name="fk_ballot_round_point"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint("op_id", name=op.f("uq_ballot_op_id")),
    )
    op.create_index("ix_ballot_one_current", "ballot",
                    ["round_id", "point_id", "criterion", "voter_key"], unique=True,
                    **_where("is_current"))
    op.create_index("ix_ballot_one_rank", "ballot", ["round_id", "voter_key", "value"],
                    unique=True, **_where("is_current AND criterion = 'rank'"))
    op.create_index("ix_ballot_voter", "ballot", ["round_id", "voter_key"], unique=False)


# --- SQLite ---------------------------------------------------------------------------------

_R = "(SELECT {col} FROM vote_round WHERE id = NEW.round_id)"
_SQLITE_MARK_RULES = [
    ("round_not_open", f"{_R.format(col='status')} IS NOT 'open'"),
    ("anonymous_ballot", f"NEW.participant_id IS NOT NULL AND {_R.format(col='anonymous')}"),
    ("not_current", "NOT NEW.is_current"),
    ("invalid_value", f"""NEW.value IS NOT NULL AND NOT (CASE {_R.format(col='method')}
        WHEN 'approval' THEN NEW.criterion = '' AND NEW.value IN (0, 1)
        WHEN 'dots' THEN NEW.criterion = ''
             AND NEW.value <= COALESCE({_R.format(col='per_point_cap')}, NEW.value)
        WHEN 'scores' THEN NEW.criterion NOT IN ('', 'rank')
             AND NEW.value BETWEEN {_R.format(col='score_min')} AND {_R.format(col='score_max')}
        WHEN 'ranking' THEN NEW.criterion = 'rank'
             AND NEW.value BETWEEN 1 AND {_R.format(col='top_k')}
        ELSE 0 END)"""),
    ("budget_exceeded", f"""{_R.format(col='method')} = 'dots' AND COALESCE(NEW.value, 0) +
        (SELECT COALESCE(SUM(value), 0) FROM ballot WHERE round_id = NEW.round_id
         AND voter_key = NEW.voter_key AND is_current) > {_R.format(col='budget')}"""),
    ("budget_exceeded", f"""{_R.format(col='method')} = 'approval' AND NEW.value = 1
        AND {_R.format(col='max_yes')} IS NOT NULL AND 1 +
        (SELECT COUNT(*) FROM ballot WHERE round_id = NEW.round_id
         AND voter_key = NEW.voter_key AND is_current AND value = 1) > {_R.format(col='max_yes')}"""),
]
_SQLITE_CHANGE_RULES = [
    ("ballot_immutable", """NEW.id IS NOT OLD.id OR NEW.round_id IS NOT OLD.round_id
        OR NEW.point_id IS NOT OLD.point_id OR NEW.criterion IS NOT OLD.criterion
        OR NEW.value IS NOT OLD.value OR NEW.participant_id IS NOT OLD.participant_id
        OR NEW.op_id IS NOT OLD.op_id OR NEW.seq IS NOT OLD.seq OR NEW.cast_at IS NOT OLD.cast_at
        OR (NEW.discipline_id IS NOT OLD.discipline_id AND NEW.discipline_id IS NOT NULL)
        OR (NEW.is_current AND NOT OLD.is_current)"""),
    ("round_closed", "(SELECT status FROM vote_round WHERE id = OLD.round_id) IS NOT 'open'"),
]
_SQLITE_ROUND_RULES = [
    ("round_frozen", """OLD.status <> 'draft' AND (NEW.method IS NOT OLD.method
        OR NEW.anonymous IS NOT OLD.anonymous OR NEW.max_yes IS NOT OLD.max_yes
        OR NEW.budget IS NOT OLD.budget OR NEW.per_point_cap IS NOT OLD.per_point_cap
        OR NEW.score_min IS NOT OLD.score_min OR NEW.score_max IS NOT OLD.score_max
        OR NEW.top_k IS NOT OLD.top_k OR NEW.criteria IS NOT OLD.criteria
        OR NEW.workshop_id IS NOT OLD.workshop_id OR NEW.id IS NOT OLD.id)"""),
    ("round_closed", "OLD.status = 'closed' AND NEW.status IS NOT 'closed'"),
    ("invalid_transition", "OLD.status = 'open' AND NEW.status = 'draft'"),
]


def _sqlite_trigger(name: str, timing: str, rules: list) -> None:
    body = " ".join(f"SELECT RAISE(ABORT, '{code}') WHERE {cond};" for code, cond in rules)
    op.execute(f"CREATE TRIGGER {name} {timing} BEGIN {body} END")


def _sqlite_triggers():
    _sqlite_trigger("ballot_insert_guard", "BEFORE INSERT ON ballot", _SQLITE_MARK_RULES)
    _sqlite_trigger("ballot_update_guard", "BEFORE UPDATE ON ballot", _SQLITE_CHANGE_RULES)
    _sqlite_trigger("ballot_delete_guard", "BEFORE DELETE ON ballot",
                    [("ballot_immutable", "1")])
    _sqlite_trigger("vote_round_update_guard", "BEFORE UPDATE ON vote_round",
                    _SQLITE_ROUND_RULES)
    _sqlite_trigger("vote_round_delete_guard", "BEFORE DELETE ON vote_round",
                    [("round_frozen", "OLD.status <> 'draft'")])
    draft = "(SELECT status FROM vote_round WHERE id = {row}.round_id) IS NOT 'draft'"
    for action, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        _sqlite_trigger(f"round_point_{action.lower()}_guard", f"BEFORE {action} ON round_point",
                        [("round_frozen", draft.format(row=row))])


# --- PostgreSQL -----------------------------------------------------------------------------

_PG_FUNCTIONS = {
    "ballot_insert_guard": """
DECLARE r vote_round%ROWTYPE; used bigint;
BEGIN
  SELECT * INTO r FROM vote_round WHERE id = NEW.round_id;
  IF r.status IS DISTINCT FROM 'open' THEN PERFORM voting_refuse('round_not_open'); END IF;
  IF NEW.participant_id IS NOT NULL AND r.anonymous THEN PERFORM voting_refuse('anonymous_ballot'); END IF;
  IF NOT NEW.is_current THEN PERFORM voting_refuse('not_current'); END IF;
  IF NEW.value IS NOT NULL AND NOT (CASE r.method
      WHEN 'approval' THEN NEW.criterion = '' AND NEW.value IN (0, 1)
      WHEN 'dots' THEN NEW.criterion = '' AND NEW.value <= COALESCE(r.per_point_cap, NEW.value)
      WHEN 'scores' THEN NEW.criterion NOT IN ('', 'rank')
                         AND NEW.value BETWEEN r.score_min AND r.score_max
      WHEN 'ranking' THEN NEW.criterion = 'rank' AND NEW.value BETWEEN 1 AND r.top_k
      ELSE false END) THEN PERFORM voting_refuse('invalid_value'); END IF;
  IF r.method = 'dots' THEN
    SELECT COALESCE(SUM(value), 0) INTO used FROM ballot
     WHERE round_id = NEW.round_id AND voter_key = NEW.voter_key AND is_current;
    IF used + COALESCE(NEW.value, 0) > r.budget THEN PERFORM voting_refuse('budget_exceeded'); END IF;
  END IF;
  IF r.method = 'approval' AND NEW.value = 1 AND r.max_yes IS NOT NULL THEN
    SELECT COUNT(*) INTO used FROM ballot
     WHERE round_id = NEW.round_id AND voter_key = NEW.voter_key AND is_current AND value = 1;
    IF used + 1 > r.max_yes THEN PERFORM voting_refuse('budget_exceeded'); END IF;
  END IF;
  RETURN NEW;
END""",
    "ballot_update_guard": """
BEGIN
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.round_id IS DISTINCT FROM OLD.round_id
     OR NEW.point_id IS DISTINCT FROM OLD.point_id OR NEW.criterion IS DISTINCT FROM OLD.criterion
     OR NEW.value IS DISTINCT FROM OLD.value OR NEW.participant_id IS DISTINCT FROM OLD.participant_id
     OR NEW.op_id IS DISTINCT FROM OLD.op_id OR NEW.seq IS DISTINCT FROM OLD.seq
     OR NEW.cast_at IS DISTINCT FROM OLD.cast_at
     OR (NEW.discipline_id IS DISTINCT FROM OLD.discipline_id AND NEW.discipline_id IS NOT NULL)
     OR (NEW.is_current AND NOT OLD.is_current) THEN PERFORM voting_refuse('ballot_immutable');
  END IF;
  IF (SELECT status FROM vote_round WHERE id = OLD.round_id) IS DISTINCT FROM 'open' THEN
    PERFORM voting_refuse('round_closed');
  END IF;
  RETURN NEW;
END""",
    "ballot_delete_guard": "BEGIN PERFORM voting_refuse('ballot_immutable'); RETURN OLD; END",
    "vote_round_update_guard": """
BEGIN
  IF OLD.status <> 'draft' AND (NEW.method IS DISTINCT FROM OLD.method
     OR NEW.anonymous IS DISTINCT FROM OLD.anonymous OR NEW.max_yes IS DISTINCT FROM OLD.max_yes
     OR NEW.budget IS DISTINCT FROM OLD.budget OR NEW.per_point_cap IS DISTINCT FROM OLD.per_point_cap
     OR NEW.score_min IS DISTINCT FROM OLD.score_min OR NEW.score_max IS DISTINCT FROM OLD.score_max
     OR NEW.top_k IS DISTINCT FROM OLD.top_k OR NEW.criteria::text IS DISTINCT FROM OLD.criteria::text
     OR NEW.workshop_id IS DISTINCT FROM OLD.workshop_id OR NEW.id IS DISTINCT FROM OLD.id) THEN
    PERFORM voting_refuse('round_frozen');
  END IF;
  IF OLD.status = 'closed' AND NEW.status IS DISTINCT FROM 'closed' THEN
    PERFORM voting_refuse('round_closed');
  END IF;
  IF OLD.status = 'open' AND NEW.status = 'draft' THEN PERFORM voting_refuse('invalid_transition'); END IF;
  RETURN NEW;
END""",
    "vote_round_delete_guard": """
BEGIN
  IF OLD.status <> 'draft' THEN PERFORM voting_refuse('round_frozen'); END IF;
  RETURN OLD;
END""",
    "round_point_guard": """
DECLARE rid integer;
BEGIN
  IF TG_OP = 'DELETE' THEN rid := OLD.round_id; ELSE rid := NEW.round_id; END IF;
  IF (SELECT status FROM vote_round WHERE id = rid) IS DISTINCT FROM 'draft' THEN
    PERFORM voting_refuse('round_frozen');
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END""",
}
_PG_TRIGGERS = (
    ("ballot_insert_guard", "BEFORE INSERT ON ballot"),
    ("ballot_update_guard", "BEFORE UPDATE ON ballot"),
    ("ballot_delete_guard", "BEFORE DELETE ON ballot"),
    ("vote_round_update_guard", "BEFORE UPDATE ON vote_round"),
    ("vote_round_delete_guard", "BEFORE DELETE ON vote_round"),
    ("round_point_guard", "BEFORE INSERT OR UPDATE OR DELETE ON round_point"),
)


def _postgresql_triggers():
    # check_violation makes every refusal an IntegrityError for the driver, as on SQLite.
    op.execute("""CREATE FUNCTION voting_refuse(code text) RETURNS void AS $$
        BEGIN RAISE EXCEPTION '%', code USING ERRCODE = 'check_violation'; END
        $$ LANGUAGE plpgsql""")
    for name, body in _PG_FUNCTIONS.items():
        op.execute(f"CREATE FUNCTION {name}() RETURNS trigger AS $$ {body} $$ LANGUAGE plpgsql")
    for name, timing in _PG_TRIGGERS:
        op.execute(f"CREATE TRIGGER {name} {timing} FOR EACH ROW EXECUTE FUNCTION {name}()")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("ballot_insert_guard", "ballot_update_guard", "ballot_delete_guard",
                     "vote_round_update_guard", "vote_round_delete_guard",
                     "round_point_insert_guard", "round_point_update_guard",
                     "round_point_delete_guard"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name, timing in _PG_TRIGGERS:
            table = timing.rsplit(" ", 1)[-1]
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
        op.execute("DROP FUNCTION IF EXISTS voting_refuse(text)")
    op.drop_table("round_turnout")
    op.drop_table("ballot")
    op.drop_table("round_point")
    op.drop_table("vote_round")
