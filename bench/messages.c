#include <stdarg.h>
#include <stdio.h>

#include "messages.h"

static void pb_vmessage(const char *prefix, const char *fmt, va_list ap)
{
	fprintf(stderr, "pinbench: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pb_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pb_vmessage("", fmt, ap);
	va_end(ap);
}

void pb_warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pb_vmessage("warning: ", fmt, ap);
	va_end(ap);
}

void pb_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pb_vmessage("", fmt, ap);
	va_end(ap);
}
