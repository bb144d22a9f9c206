"""GroupUp's schema migrations, run by Alembic when the storage is opened (see assessment/storage/migrate.py)."""
