"""Workshop trust: each workshop's smallest group shown and whether answering is closed, who has finished,
agreed targets with their ranges, and the group's action plan.

Existing workshops get a smallest group of 2, what every view used before. Never edit this step; add the next.

Revision ID: 0002_workshop_trust
Revises: 0001_baseline
Create date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_workshop_trust"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("workshops", sa.Column("min_group", sa.Integer, nullable=False, server_default="2"))
    op.add_column("workshops", sa.Column("answering_closed", sa.Boolean, nullable=False,
                                         server_default=sa.false()))
    op.add_column("participants", sa.Column("finished", sa.Boolean, nullable=False, server_default=sa.false()))
    for name in ("target", "target_low", "target_high"):
        op.add_column("consensus", sa.Column(name, sa.Integer, nullable=True))
    op.create_table(
        "workshop_actions",
        sa.Column("workshop_id", sa.Integer, sa.ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("principle", sa.Integer, nullable=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    # GroupUp migrates forward only: restore a backup to go back.
    raise NotImplementedError
