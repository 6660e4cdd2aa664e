/* sqlite3.h must come first: spatialite/gg_structs.h uses sqlite3_int64. */
#include <sqlite3.h>
#include <spatialite.h>
