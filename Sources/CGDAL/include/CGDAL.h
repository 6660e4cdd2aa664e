/* The GDAL/OGR C API used by GDALVector: datasets, layers, features, geometries, SRS.
 *
 * GDAL is not linked: the functions below are forwarded to libgdal, which cgdal_load opens with
 * dlopen the first time a command needs it (DECISIONS D49). Call cgdal_load before any of them. */
#ifndef CGDAL_H
#define CGDAL_H

#include <gdal/cpl_conv.h>
#include <gdal/cpl_error.h>
#include <gdal/cpl_vsi.h>
#include <gdal/gdal.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_srs_api.h>

/* Opens libgdal and binds every forwarded function, once per process (thread-safe). Returns NULL
 * when GDAL is ready, else why it is not (the library that failed to open and the loader's
 * message, or the missing function); the text lives as long as the process. */
const char *cgdal_load(void);

#endif
