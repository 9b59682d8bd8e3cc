from django.db import migrations

from webstrella.postgres import case_folded_prefix_index, trigram_index


class Migration(migrations.Migration):
    """Indexes for the order list's searches; PostgreSQL only (see webstrella/postgres.py)."""

    dependencies = [
        ("orders", "0002_record_times_not_before_1990"),
        # pg_trgm is created there.
        ("customers", "0005_search_indexes"),
    ]

    operations = [
        case_folded_prefix_index("order_number_prefix_idx", "orders_order", "number"),
        case_folded_prefix_index("order_billing_email_prefix_idx", "orders_order", "billing_email"),
        trigram_index("order_billing_name_trgm_idx", "orders_order", "billing_name"),
    ]
