"""re-checks record why they were undecided and when to try again

A follow-up re-check that meets a block, captcha, login wall or unreadable page
is ``unknown`` (never ``live``): it keeps a short reason, the attempt number and
the wait before the next try. Old ``error`` rows become ``unknown``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 21:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('rechecks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('attempt', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('retry_after_seconds', sa.Float(), nullable=True))
    op.execute("UPDATE rechecks SET outcome = 'unknown' WHERE outcome = 'error'")


def downgrade() -> None:
    op.execute("UPDATE rechecks SET outcome = 'error' WHERE outcome = 'unknown'")
    with op.batch_alter_table('rechecks', schema=None) as batch_op:
        batch_op.drop_column('retry_after_seconds')
        batch_op.drop_column('attempt')
        batch_op.drop_column('reason')
