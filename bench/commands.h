/* The subcommands; each takes argv from its own name on, returns exit status. */
#ifndef PINBENCH_COMMANDS_H
#define PINBENCH_COMMANDS_H

int cmd_compare(int argc, char **argv);
int cmd_figures(int argc, char **argv);
int cmd_fio_summarize(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_insns_join(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_profile(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_scale(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_summarize(int argc, char **argv);

#endif
