"""The earlier assessment a self-assessment is set beside on Results, kept with its answers under their resume code.

Existing rows have none. Never edit this step; add the next.

Revision ID: 0003_earlier_assessment
Revises: 0002_workshop_trust
Create date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_earlier_assessment"
down_revision = "0002_workshop_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("self_assessments", sa.Column("earlier", sa.Text, nullable=True))


def downgrade() -> None:
    # GroupUp migrates forward only: restore a backup to go back.
    raise NotImplementedError
