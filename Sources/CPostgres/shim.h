// libpq, PostgreSQL's C client (Debian libpq-dev): synchronous, COPY in both directions, and the
// conventions users expect (PGHOST, PGPASSWORD, PGSERVICE, ~/.pgpass, sslmode).
#include <libpq-fe.h>
