"""stored trace: each chip UID found in a listing keeps its trace against the stock ledger

The trace is written when a sighting is ingested and again on every ledger
import, so "an alert whose chip is traced opens at the top of the queue" is
read from the database, not recomputed on each ``alerts list``. ``corrected``
keeps how many characters of a chip UID were read from a lookalike letter, so a
re-trace still marks such a reading fuzzy.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 03:10:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('identifiers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrected', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('trace', sa.String(length=12), server_default='', nullable=False))
        batch_op.add_column(sa.Column('trace_entry_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('trace_confidence', sa.Float(), server_default='0', nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_identifiers_trace_entry_id_ledger_entries'),
                                    'ledger_entries', ['trace_entry_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('identifiers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_identifiers_trace_entry_id_ledger_entries'), type_='foreignkey')
        batch_op.drop_column('trace_confidence')
        batch_op.drop_column('trace_entry_id')
        batch_op.drop_column('trace')
        batch_op.drop_column('corrected')
