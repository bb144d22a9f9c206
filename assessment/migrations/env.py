"""Alembic's entry point: migrate on the connection storage/migrate.py hands over, inside its transaction and lock."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
