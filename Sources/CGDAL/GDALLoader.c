/* Opens libgdal on first use (DECISIONS D49). */
#include "CGDAL.h"
#include "GDALResolve.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_once_t cgdal_once = PTHREAD_ONCE_INIT;
static const char *cgdal_failure = NULL;
static char cgdal_message[1024];

/* Opens the first library name that loads and binds the functions; records why when it fails. */
static void cgdal_open(void) {
    /* The library GDAL's headers came from: GDAL 3.x's library version is 26 + its minor
     * version (3.6 → libgdal.so.32). The development link `libgdal.so` is tried next. */
    char versioned[32];
    snprintf(versioned, sizeof versioned, "libgdal.so.%d", 26 + GDAL_VERSION_MINOR);
    const char *names[] = {GDAL_VERSION_MAJOR == 3 ? versioned : "libgdal.so", "libgdal.so"};
    size_t count = sizeof names / sizeof *names;
    /* A GDAL installed elsewhere: COVAUDIT_GDAL_LIBRARY names the library file, and only it is tried. */
    const char *chosen = getenv("COVAUDIT_GDAL_LIBRARY");
    if (chosen && *chosen) {
        names[0] = chosen;
        count = 1;
    }
    void *library = NULL;
    size_t used = 0;
    for (size_t i = 0; i < count && !library; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
        if (!library && used < sizeof cgdal_message) {
            const char *why = dlerror();
            int n = snprintf(cgdal_message + used, sizeof cgdal_message - used, "%s%s", used ? "; " : "",
                             why ? why : names[i]);
            used += n > 0 ? (size_t)n : 0;
        }
    }
    if (!library) {
        cgdal_failure = cgdal_message;
        return;
    }
    const char *missing = cgdal_resolve(library);
    if (missing) {
        snprintf(cgdal_message, sizeof cgdal_message, "the GDAL library has no function %s", missing);
        cgdal_failure = cgdal_message;
    }
}

const char *cgdal_load(void) {
    pthread_once(&cgdal_once, cgdal_open);
    return cgdal_failure;
}
