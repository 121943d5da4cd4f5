/* index_parts.h - which input records each job indexes when `xapnews index
 * --jobs J` builds a new database as J parts (cmd_index.c).
 *
 * The inputs, read in order, are cut into J runs of records: a record
 * belongs to the run whose byte range holds B, the input bytes up to the
 * end of the record. Every job reads the records before its run (without
 * indexing them, for their ids), indexes its own and stops after it; the
 * parts are then joined in order (xapnews_database_join()). The ranges
 * cover all T bytes, each a little shorter than the one before, so that
 * every job has about as much to do.
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

typedef struct part_plan part_plan;

/** The plan of part PART of NPARTS over inputs of TOTAL bytes, or NULL
 *  when memory runs out. */
part_plan *part_plan_new(unsigned part, unsigned nparts, unsigned long long total);

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
 *  without records there is its run's to report); never for a replay. */
int part_plan_holds(const part_plan *p, unsigned long long done);

/** How many bytes of P's run lie before DONE bytes into the inputs
 *  (from 0, before the run, to the run's length, past it); for a replay,
 *  DONE. */
unsigned long long part_plan_run_done(const part_plan *p, unsigned long long done);

/** The number of records P deferred (or, for a replay, takes). */
size_t part_plan_deferred(const part_plan *p);

/** Writes P's deferred records to descriptor FD. */
int part_plan_write_deferred(const part_plan *p, int fd);

/** Reads a list written by part_plan_write_deferred() from FD into the
 *  replay plan P (lists read in part order keep input order). */
int part_plan_read_deferred(part_plan *p, int fd);

#endif
