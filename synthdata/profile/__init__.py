"""Real data to schemas: reading databases and files (``sources``), their keys (``relations``),
column shapes (``shapes``), strong dependencies (``dependencies``) and :func:`profile.profile`."""
