/* docdata.c - see docdata.h. */
#include "docdata.h"
#include "article.h"
#include "date.h"

#include <string.h>

/* Appends VALUE with line breaks (and other control characters) turned into
 * spaces, at most MAX bytes, never cutting a UTF-8 sequence. */
static int put_value(xn_strbuf *out, const char *v, size_t n, size_t max)
{
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80) n--;
    }
    size_t start = out->len;
    if (xn_strbuf_append(out, v, n) < 0) return -1;
    for (size_t i = start; i < out->len; i++)
        if ((unsigned char)out->data[i] < 0x20) out->data[i] = ' ';
    return 0;
}

static int put_field(xn_strbuf *out, const char *name, const char *v,
                     size_t n, size_t max)
{
    if (xn_strbuf_puts(out, name) < 0 || xn_strbuf_putc(out, '=') < 0 ||
        put_value(out, v, n, max) < 0 || xn_strbuf_putc(out, '\n') < 0)
        return -1;
    return 0;
}

int xn_docdata_encode_summary(const xapnews_article_t *a, const char *iso_date,
                              const char *outlet, xn_strbuf *out)
{
    if (put_field(out, "url", xapnews_article_get(a, XAPNEWS_FIELD_URL),
                  a->field_len[XAPNEWS_FIELD_URL], (size_t)-1) < 0 ||
        put_field(out, "caption", xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                  a->field_len[XAPNEWS_FIELD_TITLE], (size_t)-1) < 0 ||
        put_field(out, "id", xapnews_article_get(a, XAPNEWS_FIELD_ID),
                  a->field_len[XAPNEWS_FIELD_ID], (size_t)-1) < 0 ||
        put_field(out, "date", iso_date, strlen(iso_date), (size_t)-1) < 0 ||
        put_field(out, "outlet", outlet, strlen(outlet), (size_t)-1) < 0)
        return -1;
    return 0;
}

int xn_docdata_encode(const xapnews_article_t *a, const char *iso_date,
                      const char *outlet, const char *const *officials,
                      size_t n_officials, xn_strbuf *out)
{
    const char *body = xapnews_article_get(a, XAPNEWS_FIELD_BODY);
    size_t body_len = a->field_len[XAPNEWS_FIELD_BODY];
    if (put_field(out, "url", xapnews_article_get(a, XAPNEWS_FIELD_URL),
                  a->field_len[XAPNEWS_FIELD_URL], (size_t)-1) < 0 ||
        put_field(out, "caption", xapnews_article_get(a, XAPNEWS_FIELD_TITLE),
                  a->field_len[XAPNEWS_FIELD_TITLE], (size_t)-1) < 0 ||
        put_field(out, "sample", body, body_len, XN_SAMPLE_BYTES) < 0 ||
        put_field(out, "id", xapnews_article_get(a, XAPNEWS_FIELD_ID),
                  a->field_len[XAPNEWS_FIELD_ID], (size_t)-1) < 0 ||
        put_field(out, "date", iso_date, strlen(iso_date), (size_t)-1) < 0 ||
        put_field(out, "outlet", outlet, strlen(outlet), (size_t)-1) < 0)
        return -1;
    if (xn_strbuf_puts(out, "officials=") < 0) return -1;
    for (size_t i = 0; i < n_officials; i++) {
        if (i && xn_strbuf_puts(out, "; ") < 0) return -1;
        if (put_value(out, officials[i], strlen(officials[i]), (size_t)-1) < 0)
            return -1;
    }
    if (xn_strbuf_putc(out, '\n') < 0) return -1;
    return put_field(out, "body", body, body_len, (size_t)-1);
}

int xn_docdata_encode_values(const xapnews_article_t *a, const xn_fields *f,
                             xn_strbuf *out)
{
    f = xn_fields_or_builtin(f);
    for (size_t k = XN_FIELDS_BUILTIN; k < f->n; k++) {
        const xn_field *fd = &f->f[k];
        for (size_t i = 0; i < a->n_values; i++) {
            const xn_article_value *v = &a->values[i];
            if (strcmp(v->name, fd->name) != 0) continue;
            const char *text = v->value;
            size_t len = v->len;
            char buf[32];
            xn_date d;
            double num;
            char why[8];
            if (fd->kind == XAPNEWS_KIND_DATE && xn_date_parse(text, &d, why, sizeof why) == 0) {
                xn_date_iso(&d, buf);
                text = buf;
                len = strlen(buf);
            } else if (fd->kind == XAPNEWS_KIND_NUMBER && xn_field_parse_number(text, &num) == 0) {
                text = xn_field_number_text(num, buf);
                len = strlen(buf);
            }
            if (put_field(out, fd->name, text, len, (size_t)-1) < 0) return -1;
        }
    }
    return 0;
}

const char *xn_docdata_find_nth(const char *data, size_t len, const char *name,
                                size_t k, size_t *vlen)
{
    size_t nlen = strlen(name);
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        if ((size_t)(eol - p) > nlen && memcmp(p, name, nlen) == 0 &&
            p[nlen] == '=' && k-- == 0) {
            *vlen = (size_t)(eol - p - (ptrdiff_t)nlen - 1);
            return p + nlen + 1;
        }
        p = eol + 1;
    }
    return NULL;
}

const char *xn_docdata_find(const char *data, size_t len, const char *name,
                            size_t *vlen)
{
    return xn_docdata_find_nth(data, len, name, 0, vlen);
}
