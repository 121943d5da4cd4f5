/* interrupt.h - stopping the processes of one `xapnews index` together.
 *
 * A command that forks jobs (--jobs) catches SIGINT, SIGTERM and SIGHUP
 * while it waits for them, so that an interrupted run stops its jobs and
 * cleans up after them instead of dying with them running or with their
 * work left behind. A signal caught is only noted (and interrupts the
 * wait in progress); the command then stops its jobs, removes what it
 * made, and dies of that signal as it would have without catching it.
 *
 * The note is the CLI's only process-wide state: a signal handler can
 * reach nothing else.
 */
#ifndef XAPNEWS_INTERRUPT_H
#define XAPNEWS_INTERRUPT_H

#include <stddef.h>
#include <sys/types.h>

/** Catches SIGINT, SIGTERM and SIGHUP from now on, each unless it was
 *  ignored (a command started in the background, or under nohup, keeps
 *  ignoring it). A caught signal is noted and interrupts a blocking read
 *  (EINTR) instead of ending the process. */
void cli_interrupt_catch(void);

/** Gives the three signals back the dispositions they had before
 *  cli_interrupt_catch(): in a job right after fork(), and once the
 *  command's own work goes on alone. */
void cli_interrupt_release(void);

/** In a job just forked by the command PARENT: releases the signals, and
 *  (on Linux) has the job sent SIGTERM when PARENT ends, so that a command
 *  killed outright (SIGKILL) leaves no job running on. */
void cli_interrupt_in_job(pid_t parent);

/** The signal caught since cli_interrupt_catch(), or 0. */
int cli_interrupt_signal(void);

/** Sends SIGTERM to each of the N processes PIDS (those > 0) and waits
 *  for every one of them to end. */
void cli_interrupt_stop(const pid_t *pids, size_t n);

/** Releases the signals and dies of the one caught (exit status 128 + its
 *  number, as the shell reports it). */
void cli_interrupt_die(void)
#if defined(__GNUC__)
    __attribute__((noreturn))
#endif
    ;

#endif
