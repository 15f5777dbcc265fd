// Empties the database. Used only by the live test suite, which must run against a throwaway server.
MATCH (n)
DETACH DELETE n
