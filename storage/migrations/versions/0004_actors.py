"""actors: the sellers behind alerts (stable ids, risk with reasons), membership, analyst corrections

Membership is replaced by each rebuild; corrections are kept, on alert ids, so
an analyst's merge or split holds across rescans.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 01:40:00
"""
import sqlalchemy as sa
from alembic import op

import storage.models

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'actors',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('display_name', sa.String(length=500), nullable=False),
        sa.Column('marketplaces', sa.JSON(), nullable=False),
        sa.Column('anchor', sa.Text(), nullable=False),
        sa.Column('first_seen_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('risk_score', sa.Integer(), nullable=False),
        sa.Column('risk_reasons', sa.JSON(), nullable=False),
        sa.Column('links', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('merged_into', sa.String(length=32), nullable=True),
        sa.Column('updated_at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    )
    op.create_index(op.f('ix_actors_last_seen_at'), 'actors', ['last_seen_at'])
    op.create_index(op.f('ix_actors_risk_score'), 'actors', ['risk_score'])
    op.create_index(op.f('ix_actors_status'), 'actors', ['status'])
    op.create_table(
        'actor_members',
        sa.Column('alert_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_members_actor_id_actors'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], name=op.f('fk_actor_members_alert_id_alerts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('alert_id', name=op.f('pk_actor_members')),
    )
    op.create_index(op.f('ix_actor_members_actor_id'), 'actor_members', ['actor_id'])
    op.create_table(
        'actor_corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', storage.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column('analyst', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('side_a', sa.JSON(), nullable=False),
        sa.Column('side_b', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_corrections')),
    )


def downgrade() -> None:
    op.drop_table('actor_corrections')
    op.drop_index(op.f('ix_actor_members_actor_id'), table_name='actor_members')
    op.drop_table('actor_members')
    op.drop_index(op.f('ix_actors_status'), table_name='actors')
    op.drop_index(op.f('ix_actors_risk_score'), table_name='actors')
    op.drop_index(op.f('ix_actors_last_seen_at'), table_name='actors')
    op.drop_table('actors')
