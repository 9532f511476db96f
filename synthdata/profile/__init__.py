"""Reading real data: databases and files into tables and their catalogue (keys, types, nulls)."""
