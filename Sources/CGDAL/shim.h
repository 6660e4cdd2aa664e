/* The GDAL/OGR C API used by GDALVector: datasets, layers, features, geometries, SRS. */
#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
