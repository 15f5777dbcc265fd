SELECT id, kind FROM entities;
