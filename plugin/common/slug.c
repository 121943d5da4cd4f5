/* slug.c - see slug.h. */
#include "slug.h"
#include "tokenizer.h"

typedef struct {
    xn_strbuf *out;
    size_t start; /* length of OUT before this slug */
} slug_ctx;

static int on_token(void *vctx, const xn_token *t)
{
    slug_ctx *ctx = vctx;
    if (t->flags & XN_TOKEN_COLOCATED) return 0;
    if (ctx->out->len > ctx->start && xn_strbuf_putc(ctx->out, '-') < 0)
        return -1;
    return xn_strbuf_append(ctx->out, t->term, t->len) < 0 ? -1 : 0;
}

int xn_slug_append(const char *text, size_t len, xn_strbuf *out)
{
    slug_ctx ctx = {out, out->len};
    return xn_tokenize(text, len, on_token, &ctx) == 0 ? 0 : -1;
}
