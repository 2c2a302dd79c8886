#include "version.h"

#ifndef GIT_VERSION
#define GIT_VERSION "unknown"
#endif

const char pinbench_git_version[] = GIT_VERSION;
