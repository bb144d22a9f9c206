"""Baseline: the schema as first released (the hand-written migrations' version 1), frozen here.

Written out column by column, not built from storage.metadata, so that later changes to the tables in code
can never change what this step does. Never edit it; add the next revision.

Revision ID: 0001_baseline
Revises:
Create date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Kept so that a copy of GroupUp from before Alembic, which reads it, refuses this database (see storage.py).
    op.create_table("schema_version", sa.Column("version", sa.Integer, nullable=False))
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("join_code", sa.String(20), nullable=False, unique=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("practices", sa.JSON, nullable=False),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
        sa.Column("practice", sa.String(200), nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_index("ix_participants_workshop_id", "participants", ["workshop_id"])
    op.create_table(
        "consensus",
        sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("principle", sa.Integer, primary_key=True),
        sa.Column("level", sa.Integer, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("low", sa.Integer, nullable=True),
        sa.Column("high", sa.Integer, nullable=True),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "failed_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client", sa.String(200), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("ix_failed_attempts_client_at", "failed_attempts", ["client", "at"])
    op.create_table(
        "self_assessments",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("answers", sa.Text, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    # GroupUp migrates forward only: restore a backup to go back.
    raise NotImplementedError
