"""The database layer: typed models, the engine factory and Alembic migrations.

SQLite-only details (pragmas, FTS5) stay inside this package so the rest of the code keeps
portable SQL.
"""
