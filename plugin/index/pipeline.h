/* pipeline.h - hands items from the calling thread to one worker thread.
 *
 * A bounded queue and a thread: the caller pushes items, the worker
 * consumes them in order with a function of the caller's. It lets a writer
 * analyse the next article while Xapian stores the previous one, so that
 * indexing one database uses two cores.
 *
 * Ownership: a pushed item belongs to the pipeline, which passes it to
 * CONSUME and then to RELEASE (also for items never consumed because the
 * worker failed). Errors: once CONSUME returns non-zero the worker stops
 * consuming; the failure is reported by the next push, drain or free (the
 * caller's own error record, filled by CONSUME, says why). Only the
 * calling thread may call these functions. */
#ifndef XAPNEWS_PIPELINE_H
#define XAPNEWS_PIPELINE_H

#include <stddef.h>

typedef struct xn_pipeline xn_pipeline;

/** Runs on the worker: consumes ITEM. Returns 0, or non-zero to fail. */
typedef int (*xn_pipeline_consume_fn)(void *ctx, void *item);
/** Releases ITEM after it was consumed or dropped (on either thread). */
typedef void (*xn_pipeline_release_fn)(void *ctx, void *item);

/** Starts a worker with a queue of CAPACITY items (at least 1). Returns
 *  NULL when memory or threads run out. */
xn_pipeline *xn_pipeline_new(size_t capacity, xn_pipeline_consume_fn consume,
                             xn_pipeline_release_fn release, void *ctx);

/** Queues ITEM, waiting while the queue is full. Returns 0, or -1 when the
 *  worker has failed (ITEM is released, not consumed). */
int xn_pipeline_push(xn_pipeline *p, void *item);

/** Waits until every item pushed so far was consumed. Returns 0, or -1
 *  when the worker has failed. */
int xn_pipeline_drain(xn_pipeline *p);

/** Drains, stops and joins the worker and frees P (NULL is fine). Returns
 *  0, or -1 when the worker failed at some point. */
int xn_pipeline_free(xn_pipeline *p);

#endif
