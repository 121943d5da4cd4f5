/* pipeline.c - see pipeline.h. A ring buffer under one mutex and two
 * condition variables. */
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>

struct xn_pipeline {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed; /* an item was queued, consumed, or stop set */
    void **ring;
    size_t cap, head, count; /* items at ring[head], ring[head + 1]... */
    int busy;                /* the worker holds an item */
    int stop, failed;
    xn_pipeline_consume_fn consume;
    xn_pipeline_release_fn release;
    void *ctx;
};

static void *worker(void *arg)
{
    xn_pipeline *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (p->count == 0 && !p->stop) pthread_cond_wait(&p->changed, &p->lock);
        if (p->count == 0) break; /* stopped and empty */
        void *item = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->count--;
        p->busy = 1;
        int failed = p->failed;
        pthread_cond_broadcast(&p->changed);
        pthread_mutex_unlock(&p->lock);
        int rc = failed ? 0 : p->consume(p->ctx, item);
        p->release(p->ctx, item);
        pthread_mutex_lock(&p->lock);
        if (rc) p->failed = 1;
        p->busy = 0;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

xn_pipeline *xn_pipeline_new(size_t capacity, xn_pipeline_consume_fn consume,
                             xn_pipeline_release_fn release, void *ctx)
{
    xn_pipeline *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->cap = capacity ? capacity : 1;
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->consume = consume;
    p->release = release;
    p->ctx = ctx;
    if (!p->ring || pthread_mutex_init(&p->lock, NULL) != 0) {
        free(p->ring);
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->changed, NULL) != 0) {
        pthread_mutex_destroy(&p->lock);
        free(p->ring);
        free(p);
        return NULL;
    }
    if (pthread_create(&p->thread, NULL, worker, p) != 0) {
        pthread_cond_destroy(&p->changed);
        pthread_mutex_destroy(&p->lock);
        free(p->ring);
        free(p);
        return NULL;
    }
    return p;
}

int xn_pipeline_push(xn_pipeline *p, void *item)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == p->cap && !p->failed) pthread_cond_wait(&p->changed, &p->lock);
    if (p->failed) {
        pthread_mutex_unlock(&p->lock);
        p->release(p->ctx, item);
        return -1;
    }
    p->ring[(p->head + p->count) % p->cap] = item;
    p->count++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int xn_pipeline_drain(xn_pipeline *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->count > 0 || p->busy) pthread_cond_wait(&p->changed, &p->lock);
    int failed = p->failed;
    pthread_mutex_unlock(&p->lock);
    return failed ? -1 : 0;
}

int xn_pipeline_free(xn_pipeline *p)
{
    if (!p) return 0;
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    int failed = p->failed;
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p->ring);
    free(p);
    return failed ? -1 : 0;
}
