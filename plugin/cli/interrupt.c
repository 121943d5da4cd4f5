/* interrupt.c - see interrupt.h. */
#define _POSIX_C_SOURCE 200809L
#include "interrupt.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
#define N_CAUGHT (sizeof caught / sizeof *caught)

static volatile sig_atomic_t noted;
static struct sigaction before[N_CAUGHT];
static int catching;

static void note(int sig)
{
    if (!noted) noted = sig;
}

void cli_interrupt_catch(void)
{
    if (catching) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = note;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a wait for a job returns at once */
    for (size_t k = 0; k < N_CAUGHT; k++) {
        sigaction(caught[k], NULL, &before[k]);
        if (before[k].sa_handler != SIG_IGN) sigaction(caught[k], &sa, NULL);
    }
    catching = 1;
}

void cli_interrupt_release(void)
{
    if (!catching) return;
    for (size_t k = 0; k < N_CAUGHT; k++) sigaction(caught[k], &before[k], NULL);
    catching = 0;
}

void cli_interrupt_in_job(pid_t parent)
{
    cli_interrupt_release();
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) raise(SIGTERM); /* it ended before the line above */
#else
    (void)parent;
#endif
}

int cli_interrupt_signal(void)
{
    return noted;
}

void cli_interrupt_stop(const pid_t *pids, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (pids[k] > 0) kill(pids[k], SIGTERM);
    for (size_t k = 0; k < n; k++)
        if (pids[k] > 0)
            while (waitpid(pids[k], NULL, 0) < 0 && errno == EINTR) {
            }
}

void cli_interrupt_die(void)
{
    int sig = noted ? noted : SIGTERM;
    cli_interrupt_release();
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached */
}
