-- Changes when another connection commits to the file (never for this connection's own commits).
PRAGMA data_version;
