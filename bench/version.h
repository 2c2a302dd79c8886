#ifndef PINBENCH_VERSION_H
#define PINBENCH_VERSION_H

/* `git describe --always --dirty` at build time, or "unknown". */
extern const char pinbench_git_version[];

#endif
