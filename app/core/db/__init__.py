"""The database layer: typed models, the engine factory and Alembic migrations.

Engine-specific details (SQLite's pragmas and FTS5, PostgreSQL's search table) stay inside
this package, the SQL of each engine in :mod:`app.core.db.dialects`, so the rest of the
code keeps portable SQL (docs/ARCHITECTURE.md, "Team database").
"""
