"""Initial schema: the whole domain of DOMAIN.md.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 01:30:52.253864
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Trigram index for person search by any part of a name (LIKE '%…%').
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entries_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_entries_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "database_facts",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_database_facts")),
    )
    op.create_table(
        "households",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
    )
    op.create_table(
        "landlords",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("cooperation_agreement", sa.Boolean(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_landlords")),
        sa.UniqueConstraint("name", name=op.f("uq_landlords_name")),
    )
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.String(length=16), nullable=False),
        sa.Column("identity_kind", sa.String(length=20), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("protected_identity", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("search_text", sa.String(length=400), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("identity", name=op.f("uq_persons_identity")),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(
            "ix_persons_search_text_trgm",
            ["search_text"],
            unique=False,
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.create_table(
        "temporary_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("cost_ore", sa.BigInteger(), nullable=True),
        sa.Column("cost_unit", sa.String(length=10), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_temporary_places")),
        sa.UniqueConstraint("name", name=op.f("uq_temporary_places_name")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("executed_date", sa.Date(), nullable=True),
        sa.Column("ended_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("need_adults", sa.Integer(), nullable=False),
        sa.Column("need_children", sa.Integer(), nullable=False),
        sa.Column("need_rooms", sa.Integer(), nullable=True),
        sa.Column("need_rent_ceiling_ore", sa.BigInteger(), nullable=True),
        sa.Column("need_areas_wished", sa.String(length=300), nullable=False),
        sa.Column("need_areas_avoided", sa.String(length=300), nullable=False),
        sa.Column("need_accessibility", sa.Boolean(), nullable=False),
        sa.Column("delay_reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_decisions_household_id_households")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_decisions_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index("ix_decisions_status_date", ["status", "decision_date"], unique=False)

    op.create_table(
        "dwellings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("landlord_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("object_number", sa.String(length=40), nullable=False),
        sa.Column("rooms", sa.Integer(), nullable=True),
        sa.Column("area_m2", sa.Numeric(precision=7, scale=1), nullable=True),
        sa.Column("rent_ore", sa.BigInteger(), nullable=True),
        sa.Column("floor", sa.Integer(), nullable=True),
        sa.Column("accessible", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["landlord_id"], ["landlords.id"], name=op.f("fk_dwellings_landlord_id_landlords")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dwellings")),
        sa.UniqueConstraint("address", "postal_code", name="uq_dwellings_address"),
    )
    with op.batch_alter_table("dwellings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dwellings_landlord_id"), ["landlord_id"], unique=False)

    op.create_table(
        "household_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=True),
        sa.Column("to_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["households.id"],
            name=op.f("fk_household_members_household_id_households"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_household_members_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_household_members")),
        sa.UniqueConstraint(
            "household_id", "person_id", name=op.f("uq_household_members_household_id")
        ),
    )
    with op.batch_alter_table("household_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_household_members_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "managed_funds_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("power_of_attorney_start", sa.Date(), nullable=False),
        sa.Column("power_of_attorney_end", sa.Date(), nullable=True),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("bank_account_reference", sa.String(length=60), nullable=False),
        sa.Column("closed_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_managed_funds_accounts_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_managed_funds_accounts")),
    )
    with op.batch_alter_table("managed_funds_accounts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_managed_funds_accounts_person_id"), ["person_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_managed_funds_accounts_review_date"), ["review_date"], unique=False
        )

    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("monthly_amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["managed_funds_accounts.id"],
            name=op.f("fk_budget_lines_account_id_managed_funds_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_lines")),
    )
    with op.batch_alter_table("budget_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_budget_lines_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("household_id", sa.Integer(), nullable=True),
        sa.Column("dwelling_id", sa.Integer(), nullable=True),
        sa.Column("temporary_place_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.Column("monthly_rent_ore", sa.BigInteger(), nullable=True),
        sa.Column("follow_up_interval_months", sa.Integer(), nullable=False),
        sa.Column("municipality_lease_reference", sa.String(length=100), nullable=False),
        sa.Column("tenure_waiver_approved", sa.Boolean(), nullable=False),
        sa.Column("tenure_waiver_date", sa.Date(), nullable=True),
        sa.Column("takeover_date", sa.Date(), nullable=True),
        sa.Column("guarantee_ceiling_ore", sa.BigInteger(), nullable=True),
        sa.Column("guarantee_end_date", sa.Date(), nullable=True),
        sa.Column("guarantee_covers_damages", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_contracts_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(
            ["dwelling_id"], ["dwellings.id"], name=op.f("fk_contracts_dwelling_id_dwellings")
        ),
        sa.ForeignKeyConstraint(
            ["household_id"], ["households.id"], name=op.f("fk_contracts_household_id_households")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_contracts_person_id_persons")
        ),
        sa.ForeignKeyConstraint(
            ["temporary_place_id"],
            ["temporary_places.id"],
            name=op.f("fk_contracts_temporary_place_id_temporary_places"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contracts_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contracts_dwelling_id"), ["dwelling_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contracts_household_id"), ["household_id"], unique=False
        )
        batch_op.create_index("ix_contracts_kind_end", ["kind", "end_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_contracts_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_contracts_temporary_place_id"), ["temporary_place_id"], unique=False
        )

    op.create_table(
        "funds_transactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("voucher_number", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("counterparty", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("handed_out_by", sa.String(length=64), nullable=False),
        sa.Column("receipt_signed", sa.Boolean(), nullable=False),
        sa.Column("reverses_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["managed_funds_accounts.id"],
            name=op.f("fk_funds_transactions_account_id_managed_funds_accounts"),
        ),
        sa.ForeignKeyConstraint(
            ["reverses_id"],
            ["funds_transactions.id"],
            name=op.f("fk_funds_transactions_reverses_id_funds_transactions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funds_transactions")),
        sa.UniqueConstraint("account_id", "voucher_number", name="uq_funds_transactions_voucher"),
    )
    with op.batch_alter_table("funds_transactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_funds_transactions_account_date", ["account_id", "entry_date"], unique=False
        )

    op.create_table(
        "housing_supports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("hours_per_week", sa.Numeric(precision=5, scale=1), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("review_interval_months", sa.Integer(), nullable=False),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_housing_supports_decision_id_decisions"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_housing_supports_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_supports")),
    )
    with op.batch_alter_table("housing_supports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_housing_supports_next_review_date"), ["next_review_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_housing_supports_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("dwelling_id", sa.Integer(), nullable=True),
        sa.Column("offered_date", sa.Date(), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("answer_date", sa.Date(), nullable=True),
        sa.Column("decline_reason", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_offers_decision_id_decisions")
        ),
        sa.ForeignKeyConstraint(
            ["dwelling_id"], ["dwellings.id"], name=op.f("fk_offers_dwelling_id_dwellings")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_decision_id"), ["decision_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offers_dwelling_id"), ["dwelling_id"], unique=False)

    op.create_table(
        "contract_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("assessment", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_contract_periods_contract_id_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_periods")),
        sa.UniqueConstraint(
            "contract_id", "sequence", name=op.f("uq_contract_periods_contract_id")
        ),
    )
    with op.batch_alter_table("contract_periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_periods_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_periods_end_date"), ["end_date"], unique=False
        )

    op.create_table(
        "disturbances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("reported_date", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_disturbances_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_disturbances_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disturbances")),
    )
    with op.batch_alter_table("disturbances", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_disturbances_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_disturbances_person_id"), ["person_id"], unique=False)

    op.create_table(
        "eviction_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("received_date", sa.Date(), nullable=False),
        sa.Column("sender", sa.String(length=20), nullable=False),
        sa.Column("case_number", sa.String(length=60), nullable=False),
        sa.Column("contacts_made", sa.Boolean(), nullable=False),
        sa.Column("managed_funds_considered", sa.Boolean(), nullable=False),
        sa.Column("housing_support_considered", sa.Boolean(), nullable=False),
        sa.Column("closed_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_eviction_notices_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_eviction_notices_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_eviction_notices")),
    )
    with op.batch_alter_table("eviction_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_eviction_notices_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_eviction_notices_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("held_date", sa.Date(), nullable=True),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_follow_ups_contract_id_contracts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_follow_ups_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_follow_ups_due_date"), ["due_date"], unique=False)

    op.create_table(
        "housing_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("activities", sa.Text(), nullable=False),
        sa.Column("responsibilities", sa.Text(), nullable=False),
        sa.Column("support", sa.Text(), nullable=False),
        sa.Column("participation", sa.Text(), nullable=False),
        sa.Column("adopted_date", sa.Date(), nullable=True),
        sa.Column("follow_up_plan", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_housing_plans_contract_id_contracts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_plans")),
        sa.UniqueConstraint("contract_id", name=op.f("uq_housing_plans_contract_id")),
    )
    op.create_table(
        "multiparty_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("meeting_time", sa.String(length=10), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("agreed", sa.Text(), nullable=False),
        sa.Column("consent_to_share", sa.Text(), nullable=False),
        sa.Column("consent_recorded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_multiparty_meetings_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_multiparty_meetings_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_multiparty_meetings")),
    )
    with op.batch_alter_table("multiparty_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_multiparty_meetings_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_multiparty_meetings_due_date"), ["due_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_multiparty_meetings_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "printed_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("template_version", sa.String(length=80), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_printed_letters_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_printed_letters_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_printed_letters")),
    )
    with op.batch_alter_table("printed_letters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_printed_letters_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_printed_letters_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "rent_arrears",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("registered_date", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_rent_arrears_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_rent_arrears_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rent_arrears")),
    )
    with op.batch_alter_table("rent_arrears", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rent_arrears_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_rent_arrears_person_id"), ["person_id"], unique=False)

    op.create_table(
        "startup_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("meeting_time", sa.String(length=10), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_startup_meetings_contract_id_contracts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_startup_meetings")),
    )
    with op.batch_alter_table("startup_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_startup_meetings_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_startup_meetings_due_date"), ["due_date"], unique=False
        )

    op.create_table(
        "startup_checklist_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=300), nullable=False),
        sa.Column("done_by", sa.String(length=64), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["startup_meetings.id"],
            name=op.f("fk_startup_checklist_items_meeting_id_startup_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_startup_checklist_items")),
    )
    with op.batch_alter_table("startup_checklist_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_startup_checklist_items_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("startup_checklist_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_startup_checklist_items_meeting_id"))

    op.drop_table("startup_checklist_items")
    with op.batch_alter_table("startup_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_startup_meetings_due_date"))
        batch_op.drop_index(batch_op.f("ix_startup_meetings_contract_id"))

    op.drop_table("startup_meetings")
    with op.batch_alter_table("rent_arrears", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rent_arrears_person_id"))
        batch_op.drop_index(batch_op.f("ix_rent_arrears_contract_id"))

    op.drop_table("rent_arrears")
    with op.batch_alter_table("printed_letters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printed_letters_person_id"))
        batch_op.drop_index(batch_op.f("ix_printed_letters_contract_id"))

    op.drop_table("printed_letters")
    with op.batch_alter_table("multiparty_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_multiparty_meetings_person_id"))
        batch_op.drop_index(batch_op.f("ix_multiparty_meetings_due_date"))
        batch_op.drop_index(batch_op.f("ix_multiparty_meetings_contract_id"))

    op.drop_table("multiparty_meetings")
    op.drop_table("housing_plans")
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_follow_ups_due_date"))
        batch_op.drop_index(batch_op.f("ix_follow_ups_contract_id"))

    op.drop_table("follow_ups")
    with op.batch_alter_table("eviction_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_eviction_notices_person_id"))
        batch_op.drop_index(batch_op.f("ix_eviction_notices_contract_id"))

    op.drop_table("eviction_notices")
    with op.batch_alter_table("disturbances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disturbances_person_id"))
        batch_op.drop_index(batch_op.f("ix_disturbances_contract_id"))

    op.drop_table("disturbances")
    with op.batch_alter_table("contract_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_periods_end_date"))
        batch_op.drop_index(batch_op.f("ix_contract_periods_contract_id"))

    op.drop_table("contract_periods")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_dwelling_id"))
        batch_op.drop_index(batch_op.f("ix_offers_decision_id"))

    op.drop_table("offers")
    with op.batch_alter_table("housing_supports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_housing_supports_person_id"))
        batch_op.drop_index(batch_op.f("ix_housing_supports_next_review_date"))

    op.drop_table("housing_supports")
    with op.batch_alter_table("funds_transactions", schema=None) as batch_op:
        batch_op.drop_index("ix_funds_transactions_account_date")

    op.drop_table("funds_transactions")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_temporary_place_id"))
        batch_op.drop_index(batch_op.f("ix_contracts_person_id"))
        batch_op.drop_index("ix_contracts_kind_end")
        batch_op.drop_index(batch_op.f("ix_contracts_household_id"))
        batch_op.drop_index(batch_op.f("ix_contracts_dwelling_id"))
        batch_op.drop_index(batch_op.f("ix_contracts_decision_id"))

    op.drop_table("contracts")
    with op.batch_alter_table("budget_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_lines_account_id"))

    op.drop_table("budget_lines")
    with op.batch_alter_table("managed_funds_accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_managed_funds_accounts_review_date"))
        batch_op.drop_index(batch_op.f("ix_managed_funds_accounts_person_id"))

    op.drop_table("managed_funds_accounts")
    with op.batch_alter_table("household_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_members_person_id"))

    op.drop_table("household_members")
    with op.batch_alter_table("dwellings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dwellings_landlord_id"))

    op.drop_table("dwellings")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_status_date")
        batch_op.drop_index(batch_op.f("ix_decisions_household_id"))

    op.drop_table("decisions")
    op.drop_table("users")
    op.drop_table("temporary_places")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_persons_search_text_trgm",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
        )

    op.drop_table("persons")
    op.drop_table("landlords")
    op.drop_table("households")
    op.drop_table("database_facts")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_entity")
        batch_op.drop_index(batch_op.f("ix_audit_entries_at"))

    op.drop_table("audit_entries")
