/* chrome.c - see chrome.h. */
#include "chrome.h"
#include "grow.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { RULE_STRIP, RULE_DROP, RULE_END } rule_action;

typedef struct {
    rule_action action;
    regex_t re;
} rule_t;

struct xn_chrome {
    rule_t *rules;
    size_t n, cap;
};

void xn_chrome_free(xn_chrome *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) regfree(&c->rules[i].re);
    free(c->rules);
    free(c);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
           c == '\v';
}

xn_chrome *xn_chrome_load(const char *path, xn_error *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        xn_error_set(err, XAPNEWS_STATUS_FILE_ERROR,
                     "%s: cannot open chrome rules: %s", path, strerror(errno));
        return NULL;
    }
    xn_chrome *c = calloc(1, sizeof *c);
    char *line = NULL;
    size_t cap = 0;
    unsigned long lineno = 0;
    ssize_t got;
    if (!c) goto nomem;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (got > 0 && is_space(line[got - 1])) line[--got] = '\0';
        char *p = line;
        while (is_space(*p)) p++;
        if (*p == '\0' || *p == '#') continue;
        char *word = p;
        while (*p && !is_space(*p)) p++;
        size_t wlen = (size_t)(p - word);
        while (is_space(*p)) p++;
        rule_action action;
        if (wlen == 5 && memcmp(word, "strip", 5) == 0) action = RULE_STRIP;
        else if (wlen == 4 && memcmp(word, "drop", 4) == 0) action = RULE_DROP;
        else if (wlen == 3 && memcmp(word, "end", 3) == 0) action = RULE_END;
        else {
            xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                         "%s:%lu: unknown action '%.*s' (expected strip, drop or end)",
                         path, lineno, (int)wlen, word);
            goto fail;
        }
        if (*p == '\0') {
            xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                         "%s:%lu: missing regular expression after '%.*s'",
                         path, lineno, (int)wlen, word);
            goto fail;
        }
        rule_t *r = xn_grow(c->rules, &c->cap, c->n + 1, sizeof *r, 8);
        if (!r) goto nomem;
        c->rules = r;
        int rc = regcomp(&c->rules[c->n].re, p, REG_EXTENDED);
        if (rc != 0) {
            char msg[256];
            regerror(rc, &c->rules[c->n].re, msg, sizeof msg);
            xn_error_set(err, XAPNEWS_STATUS_BAD_INPUT,
                         "%s:%lu: bad regular expression '%s': %s", path,
                         lineno, p, msg);
            goto fail;
        }
        c->rules[c->n++].action = action;
    }
    free(line);
    fclose(fp);
    return c;
nomem:
    xn_error_set(err, XAPNEWS_STATUS_OUT_OF_MEMORY, "%s: out of memory", path);
fail:
    free(line);
    fclose(fp);
    xn_chrome_free(c);
    return NULL;
}

/* Matches RE against the NUL-terminated trimmed line S. */
static int matches(const regex_t *re, const char *s, regmatch_t *m)
{
    return regexec(re, s, 1, m, 0) == 0;
}

/* Removes every match of RE from LINE (in place); returns the new length. */
static size_t strip_matches(const regex_t *re, char *line, size_t len)
{
    regmatch_t m;
    size_t from = 0;
    int removed = 0; /* once text is gone, '^' no longer means this spot */
    while (from <= len && regexec(re, line + from, 1, &m,
                                  from || removed ? REG_NOTBOL : 0) == 0) {
        size_t s = from + (size_t)m.rm_so, e = from + (size_t)m.rm_eo;
        if (e == s) { /* empty match: step past it */
            from = s + 1;
            continue;
        }
        memmove(line + s, line + e, len - e + 1);
        len -= e - s;
        from = s;
        removed = 1;
    }
    return len;
}

int xn_chrome_clean(const xn_chrome *c, const char *text, size_t len,
                    const char *title, xn_strbuf *out)
{
    xn_strbuf line = XN_STRBUF_INIT;
    const char *p = text, *end = text + len;
    int rc = 0;
    size_t title_len = title ? strlen(title) : 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        xn_strbuf_reset(&line);
        if (xn_strbuf_append(&line, p, (size_t)(eol - p)) < 0) {
            rc = -1;
            break;
        }
        p = eol + 1;
        int drop = 0, stop = 0;
        for (size_t i = 0; c && i < c->n && !drop && !stop; i++) {
            if (c->rules[i].action == RULE_STRIP) {
                line.len = strip_matches(&c->rules[i].re, line.data, line.len);
                continue;
            }
            /* match against the line without surrounding white space */
            char *s = line.data;
            while (is_space(*s)) s++;
            size_t slen = strlen(s);
            while (slen > 0 && is_space(s[slen - 1])) slen--;
            char saved = s[slen];
            s[slen] = '\0';
            regmatch_t m;
            int hit = matches(&c->rules[i].re, s, &m);
            s[slen] = saved;
            if (hit && c->rules[i].action == RULE_DROP) drop = 1;
            if (hit && c->rules[i].action == RULE_END) stop = 1;
        }
        if (stop) break;
        if (drop) continue;
        if (title_len) {
            const char *s = line.data;
            size_t slen = line.len;
            while (slen && is_space(*s)) s++, slen--;
            while (slen && is_space(s[slen - 1])) slen--;
            if (slen == title_len && memcmp(s, title, slen) == 0) continue;
        }
        if (xn_strbuf_append(out, line.data, line.len) < 0 ||
            (eol < end && xn_strbuf_putc(out, '\n') < 0)) {
            rc = -1;
            break;
        }
    }
    xn_strbuf_free(&line);
    return rc;
}
