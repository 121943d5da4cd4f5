/* index_parts.h - which input records each job indexes when `xapnews index
 * --jobs J` builds a new database as J parts (cmd_index.c).
 *
 * The inputs, read in order, are cut into J runs of records: a record
 * belongs to the run whose byte range [from, to) holds B, the input bytes
 * up to the end of the record. Every job reads the records before its run
 * (without indexing them, for their ids), indexes its own and stops after
 * it; the parts are then joined in input order (xapnews_database_join()).
 * The ranges cover all T bytes, each a little shorter than the one before,
 * so that every job has about as much to do.
 *
 * Cores do not all run at one speed, and inputs are not equally costly
 * throughout, so a job that ends its run while another has much left
 * takes over the end of that run (part_board_steal()): the other job's
 * run ends earlier, and the rest becomes a run of its own, indexed into
 * one more part. The runs live on a board in memory shared by the jobs
 * (forked after it is made); a job claims its run's bytes a stretch at a
 * time under the board's lock, so that the two never both take a record.
 *
 * One writer replaces an article whose id came before, in place. A job
 * cannot do that for an id an earlier run holds, so it leaves such a
 * record out and notes it as deferred; after the join, a replay plan
 * takes exactly the deferred records, in input order, to be added again
 * by one writer.
 *
 * Plans are owned by their creator; functions returning int give 0, or -1
 * when memory runs out (or, for the descriptor functions, a short read or
 * write).
 */
#ifndef XAPNEWS_INDEX_PARTS_H
#define XAPNEWS_INDEX_PARTS_H

#include <stddef.h>

typedef enum {
    RECORD_TAKE, /* index it */
    RECORD_PASS, /* before the run (or deferred): read past it */
    RECORD_STOP  /* past the run: no later record is taken either */
} record_take;

/* Reading a record only for its id (a record before a job's run) costs
 * about this share of indexing it: 5.5% on Reuters-21578 under callgrind
 * (JSON parse and page-chrome cleaning against the whole analysis and
 * Xapian's work). Each run is made that much shorter: the work of run j,
 * its bytes plus PART_PASS_COST times the bytes before it, is the same for
 * every j. */
#define PART_PASS_COST 0.055

/* Taking over the end of a run costs one more part to join: Reuters-21578
 * (a one-job build of 15 s) joined from 3 parts in 0.93-0.96 s, from 2 in
 * 0.88-0.90 s, so about 0.3% of the build; with a margin for how well the
 * jobs' speeds are judged, a job takes over the end of a run only when
 * that saves more than this share of a one-job build's time. */
#define PART_JOIN_COST 0.005

typedef struct part_board part_board;
typedef struct part_plan part_plan;

/** The board of a build of NJOBS jobs over inputs of TOTAL bytes, with
 *  one run per job, in memory that processes forked after share. NULL
 *  when memory runs out. */
part_board *part_board_new(unsigned njobs, unsigned long long total);

/** Frees B, in the process that made it (each forked job's copy goes
 *  with it). */
void part_board_free(part_board *b);

/** Sets the clock the board reads (seconds, from any fixed point); the
 *  default is CLOCK_MONOTONIC. For tests. */
void part_board_set_clock(part_board *b, double (*clock)(void));

/** The runs that were used, in input order, into ORDER; returns how
 *  many. A board of J jobs holds up to 2J runs, counted from 0: run j is
 *  job j's own, run J + j the one job j took over. Call once the jobs
 *  ended. */
unsigned part_board_order(const part_board *b, unsigned *order);

/** Job JOB, having ended its run and reading the inputs AT bytes in,
 *  takes over the end of the run that would otherwise end last when that
 *  saves time (see PART_JOIN_COST), judged from how fast each job has
 *  gone through its run. Only runs after its own are looked at, which the
 *  job goes on reading into (part_plan_continue()); with AT ULLONG_MAX,
 *  any run, which the job reads with a new plan from the start. Returns 1
 *  with the new run in *RUN, or 0: nothing worth taking, or the job took
 *  over a run before. */
int part_board_steal(part_board *b, unsigned job, unsigned long long at, unsigned *run);

/** The plan of run RUN of board B, or NULL when memory runs out. */
part_plan *part_plan_new(part_board *b, unsigned run);

/** Turns P, whose run ended, to run RUN, which starts at or after the
 *  record P stopped at: the records P took count as before the run, and
 *  the records it deferred stay deferred. */
void part_plan_continue(part_plan *p, unsigned run);

/** A plan that takes the records deferred by the plans whose lists were
 *  read into it with part_plan_read_deferred(), or NULL. */
part_plan *part_plan_replay(void);

void part_plan_free(part_plan *p);

/** What to do with record RECORD (counted from 0, bad ones too) of input
 *  INPUT, which ends DONE bytes into all the inputs; ID is its article's
 *  id, or NULL for a bad record. A record of the run whose id an earlier
 *  record has is deferred (RECORD_PASS). Returns -1 when memory runs out. */
int part_plan_take(part_plan *p, int input, unsigned long record, unsigned long long done,
                   const char *id, record_take *take);

/** Whether P's run holds what lies DONE bytes into the inputs (an input
 *  without records there is its run's to report; a run claims it as it
 *  claims a record); never for a replay. */
int part_plan_holds(part_plan *p, unsigned long long done);

/** How many bytes of P's run lie before DONE bytes into the inputs
 *  (from 0, before the run, to the run's length, past it); for a replay,
 *  DONE. */
unsigned long long part_plan_run_done(const part_plan *p, unsigned long long done);

/** The number of records P deferred (or, for a replay, takes). */
size_t part_plan_deferred(const part_plan *p);

/** Writes P's deferred records to descriptor FD. */
int part_plan_write_deferred(const part_plan *p, int fd);

/** Reads a list written by part_plan_write_deferred() from FD into the
 *  replay plan P (in any order: the replay takes them in input order). */
int part_plan_read_deferred(part_plan *p, int fd);

#endif
