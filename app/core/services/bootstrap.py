"""First-run data: the default workspace, its owner and its main stock location."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.core.db.engine import READ_ONLY_OPTION
from app.core.db.models import Location, User, Workspace
from app.core.domain import Role

DEFAULT_WORKSPACE = "My Shop"
DEFAULT_LOCATION_CODE = "MAIN"
DEFAULT_LOCATION_NAME = "Gudang Utama"


def ensure_workspace(sessions: sessionmaker[Session]) -> int:
    """Create the default workspace, owner user and main location once; return its id."""
    # looked up first without the write lock: opening a folder while another process
    # writes (a long import) must not wait for it when nothing needs writing
    with sessions() as s:
        s.connection(execution_options={READ_ONLY_OPTION: True})
        found = s.scalar(select(Workspace.id).order_by(Workspace.id).limit(1))
    if found is not None:
        return int(found)
    with sessions.begin() as s:
        ws = s.scalars(select(Workspace).order_by(Workspace.id).limit(1)).first()
        if ws is None:
            ws = Workspace(name=DEFAULT_WORKSPACE)
            s.add(ws)
            s.flush()
            s.add(User(workspace_id=ws.id, username="owner", display_name="Owner", role=Role.OWNER))
            s.add(
                Location(
                    workspace_id=ws.id,
                    code=DEFAULT_LOCATION_CODE,
                    name=DEFAULT_LOCATION_NAME,
                    is_default=True,
                )
            )
        return ws.id
