"""the blank-stock ledger: imports, entries (a chip or a UID range), status history, access audit

Chip UIDs are integer bounds shifted by -2**63 (an 8-byte UID fits a signed
BIGINT, order kept), unique per (uid_bytes, uid_start) so the entry holding a
UID is one index seek. Entries and history rows name the import and file row
they came from.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 00:30:00
"""
import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'ledger_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=200), nullable=False),
        sa.Column('file_name', sa.String(length=300), nullable=False),
        sa.Column('file_sha256', sa.String(length=64), nullable=False),
        sa.Column('rows', sa.Integer(), nullable=False),
        sa.Column('rejected', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_imports')),
    )
    op.create_table(
        'ledger_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uid_bytes', sa.Integer(), nullable=False),
        sa.Column('uid_start', sa.BigInteger(), nullable=False),
        sa.Column('uid_end', sa.BigInteger(), nullable=False),
        sa.Column('serial', sa.String(length=64), nullable=False),
        sa.Column('batch', sa.String(length=100), nullable=False),
        sa.Column('contract', sa.String(length=200), nullable=False),
        sa.Column('consignee_code', sa.String(length=13), nullable=False),
        sa.Column('dispatch_date', sa.Date(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('status_date', sa.Date(), nullable=True),
        sa.Column('import_id', sa.Integer(), nullable=False),
        sa.Column('import_row', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['import_id'], ['ledger_imports.id'],
                                name=op.f('fk_ledger_entries_import_id_ledger_imports')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_entries')),
        sa.UniqueConstraint('uid_bytes', 'uid_start', name=op.f('uq_ledger_entries_uid_bytes')),
    )
    op.create_index(op.f('ix_ledger_entries_consignee_code'), 'ledger_entries', ['consignee_code'])
    op.create_index(op.f('ix_ledger_entries_import_id'), 'ledger_entries', ['import_id'])
    op.create_table(
        'ledger_status_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('entry_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('status_date', sa.Date(), nullable=True),
        sa.Column('import_id', sa.Integer(), nullable=False),
        sa.Column('import_row', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['entry_id'], ['ledger_entries.id'], ondelete='CASCADE',
                                name=op.f('fk_ledger_status_changes_entry_id_ledger_entries')),
        sa.ForeignKeyConstraint(['import_id'], ['ledger_imports.id'],
                                name=op.f('fk_ledger_status_changes_import_id_ledger_imports')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_status_changes')),
    )
    op.create_index(op.f('ix_ledger_status_changes_entry_id'), 'ledger_status_changes', ['entry_id'])
    op.create_index(op.f('ix_ledger_status_changes_import_id'), 'ledger_status_changes', ['import_id'])
    op.create_table(
        'ledger_access_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=200), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ledger_access_events')),
    )


def downgrade() -> None:
    op.drop_table('ledger_access_events')
    op.drop_index(op.f('ix_ledger_status_changes_import_id'), table_name='ledger_status_changes')
    op.drop_index(op.f('ix_ledger_status_changes_entry_id'), table_name='ledger_status_changes')
    op.drop_table('ledger_status_changes')
    op.drop_index(op.f('ix_ledger_entries_import_id'), table_name='ledger_entries')
    op.drop_index(op.f('ix_ledger_entries_consignee_code'), table_name='ledger_entries')
    op.drop_table('ledger_entries')
    op.drop_table('ledger_imports')
