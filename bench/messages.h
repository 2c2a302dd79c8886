/* "pinbench: ..." messages on stderr, so scripts can grep them. */
#ifndef PINBENCH_MESSAGES_H
#define PINBENCH_MESSAGES_H

#define PB_PRINTF(a, b) __attribute__((format(printf, a, b)))

void pb_error(const char *fmt, ...) PB_PRINTF(1, 2);
void pb_warning(const char *fmt, ...) PB_PRINTF(1, 2);
void pb_note(const char *fmt, ...) PB_PRINTF(1, 2);

#endif
