#ifndef CBLAS_SHIM_H
#define CBLAS_SHIM_H
// Debian's libopenblas-dev puts cblas.h in a per-variant include directory
// (/usr/include/x86_64-linux-gnu/openblas-pthread/) that pkg-config "openblas" adds to the
// search path; its cblas.h also declares openblas_get_corename / openblas_set_num_threads.
#include <cblas.h>
#endif
