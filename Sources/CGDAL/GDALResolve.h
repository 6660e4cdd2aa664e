/* Internal to CGDAL: binds the generated forwarding functions (GDALFunctions.c). */
#ifndef CGDAL_RESOLVE_H
#define CGDAL_RESOLVE_H

/* Looks up every forwarded function in `library` (a dlopen handle). Returns NULL when all were
 * found, else the name of the first missing one. */
const char *cgdal_resolve(void *library);

#endif
