"""The database's tables, as SQLAlchemy declares them. A change here needs the next Alembic revision in
assessment/migrations/versions/ (a test fails until they agree)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))

workshops = sa.Table(
    "workshops", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("join_code", sa.String(20), nullable=False, unique=True),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("practices", sa.JSON, nullable=False),
    sa.Column("sections", sa.JSON, nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("min_group", sa.Integer, nullable=False, server_default="2"),  # v2
    sa.Column("answering_closed", sa.Boolean, nullable=False, server_default=sa.false()),  # v2
)

participants = sa.Table(
    "participants", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("practice", sa.String(200), nullable=False),
    sa.Column("role", sa.String(40), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("answers", sa.Text, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
    sa.Column("finished", sa.Boolean, nullable=False, server_default=sa.false()),  # v2
)

consensus = sa.Table(
    "consensus", metadata,
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("principle", sa.Integer, primary_key=True),
    sa.Column("level", sa.Integer, nullable=True),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("low", sa.Integer, nullable=True),
    sa.Column("high", sa.Integer, nullable=True),
    sa.Column("updated", sa.DateTime, nullable=False),
    sa.Column("target", sa.Integer, nullable=True),  # v2
    sa.Column("target_low", sa.Integer, nullable=True),  # v2
    sa.Column("target_high", sa.Integer, nullable=True),  # v2
)

workshop_actions = sa.Table(  # v2: the group's action plan from the day
    "workshop_actions", metadata,
    sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("action", sa.Text, nullable=False),
    sa.Column("principle", sa.Integer, nullable=True),
    sa.Column("owner", sa.String(200), nullable=False, default=""),
    sa.Column("due", sa.Date, nullable=True),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),  # the order actions were added in
)

failed_attempts = sa.Table(
    "failed_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client", sa.String(200), nullable=False),
    sa.Column("at", sa.Float, nullable=False),  # seconds since the epoch
    sa.Index("ix_failed_attempts_client_at", "client", "at"),
)

self_assessments = sa.Table(
    "self_assessments", metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),
    sa.Column("answers", sa.Text, nullable=False),
    sa.Column("updated", sa.DateTime, nullable=False),
    # The earlier assessment set beside these answers on Results (as its answers file's JSON), kept with them so
    # that a reload brings the comparison back; deleted with them.
    sa.Column("earlier", sa.Text, nullable=True),
)


def _workshop_tables() -> list[sa.Table]:
    """The workshops table and every table whose rows belong to a workshop (any added later included)."""
    return [workshops, *(t for t in metadata.sorted_tables
                         if any(fk.column.table is workshops for fk in t.foreign_keys))]

