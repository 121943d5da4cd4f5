/* check_chrome.c - unit tests of page-chrome removal (plugin/analysis/chrome.h):
 * loading rules files (and refusing malformed ones), cleaning lines, and
 * cleaning the five seed articles with schemas/chrome.conf. */
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chrome.h"
#include "error.h"
#include "strbuf.h"
#include "run_suite.h"

#define CHROME_CONF TOP_SRCDIR "/schemas/chrome.conf"
#define CORPUS TOP_SRCDIR "/corpus/"

/* Writes TEXT to a new temporary file; returns its path (static buffer
 * per call site is not needed: the caller frees). */
static char *write_temp(const char *text)
{
    char *path = strdup("/tmp/check_chrome_XXXXXX");
    ck_assert_ptr_nonnull(path);
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    size_t n = strlen(text);
    ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
    close(fd);
    return path;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    xn_strbuf b = XN_STRBUF_INIT;
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        ck_assert_int_eq(xn_strbuf_append(&b, buf, got), 0);
    fclose(fp);
    *len = b.len;
    return xn_strbuf_take(&b);
}

static xn_chrome *load_conf(void)
{
    xn_error err;
    xn_error_clear(&err);
    xn_chrome *c = xn_chrome_load(CHROME_CONF, &err);
    ck_assert_msg(c != NULL, "loading chrome.conf: %s", err.message);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_SUCCESS);
    return c;
}

/* Cleans TEXT with RULES and TITLE; returns the result (caller frees). */
static char *clean(const xn_chrome *rules, const char *text, const char *title)
{
    xn_strbuf out = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_chrome_clean(rules, text, strlen(text), title, &out), 0);
    char *s = xn_strbuf_take(&out);
    ck_assert_ptr_nonnull(s);
    return s;
}

#define EXPECT_CLEAN(rules, text, title, expected)                          \
    do {                                                                    \
        char *got_ = clean((rules), (text), (title));                       \
        ck_assert_str_eq(got_, (expected));                                 \
        free(got_);                                                         \
    } while (0)

/* ---- loading ---------------------------------------------------------- */

START_TEST(loads_chrome_conf)
{
    xn_chrome *c = load_conf();
    xn_chrome_free(c);
    xn_chrome_free(NULL);
}
END_TEST

/* Loads a rules file holding TEXT and checks it is refused with the message
 * "PATH:" followed by EXPECTED_TAIL. */
static void expect_refused(const char *text, const char *expected_tail)
{
    char *path = write_temp(text);
    xn_error err;
    xn_error_clear(&err);
    xn_chrome *c = xn_chrome_load(path, &err);
    unlink(path); /* before any assertion can end the test */
    ck_assert_ptr_null(c);
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_BAD_INPUT);
    char expected[1024];
    snprintf(expected, sizeof expected, "%s:%s", path, expected_tail);
    ck_assert_str_eq(err.message, expected);
    free(path);
}

START_TEST(unknown_action_is_refused)
{
    expect_refused("# comment\n\nremove foo\n",
                   "3: unknown action 'remove' (expected strip, drop or end)");
    /* a good rule before the bad line does not make the load succeed */
    expect_refused("strip \\{mos[a-z]*\\}\nDROP ^x$\n",
                   "2: unknown action 'DROP' (expected strip, drop or end)");
}
END_TEST

START_TEST(missing_regex_is_refused)
{
    expect_refused("strip x\ndrop\n", "2: missing regular expression after 'drop'");
    expect_refused("   end   \t \n", "1: missing regular expression after 'end'");
}
END_TEST

START_TEST(bad_regex_is_refused)
{
    /* the reason is regerror()'s text for the same pattern */
    regex_t re;
    int rc = regcomp(&re, "(unclosed", REG_EXTENDED);
    ck_assert_int_ne(rc, 0);
    char reason[256];
    regerror(rc, &re, reason, sizeof reason);
    char tail[512];
    snprintf(tail, sizeof tail, "2: bad regular expression '(unclosed': %s",
             reason);
    expect_refused("drop ^ok$\ndrop (unclosed\n", tail);
}
END_TEST

START_TEST(missing_file_is_refused)
{
    xn_error err;
    xn_error_clear(&err);
    ck_assert_ptr_null(xn_chrome_load("/nonexistent/chrome.conf", &err));
    ck_assert_int_eq(err.status, XAPNEWS_STATUS_FILE_ERROR);
    ck_assert_str_eq(err.message, "/nonexistent/chrome.conf: cannot open "
                                  "chrome rules: No such file or directory");
}
END_TEST

/* ---- cleaning --------------------------------------------------------- */

START_TEST(strip_removes_matches_inside_a_line)
{
    xn_chrome *c = load_conf();
    EXPECT_CLEAN(c, "Before {mosads}after.\n", NULL, "Before after.\n");
    EXPECT_CLEAN(c, "{mosads}Department of Homeland Security\n", NULL,
                 "Department of Homeland Security\n");
    EXPECT_CLEAN(c, "a{mosads}b{mosAds_x}c{mosloadposition}\n", NULL, "abc\n");
    EXPECT_CLEAN(c, "he said. [Source]\n", NULL, "he said. \n");
    xn_chrome_free(c);
}
END_TEST

START_TEST(drop_removes_credit_lines)
{
    xn_chrome *c = load_conf();
    EXPECT_CLEAN(c, "Para one.\nGetty Images\nPara two.\n", NULL,
                 "Para one.\nPara two.\n");
    /* matched with surrounding white space trimmed */
    EXPECT_CLEAN(c, "Para one.\n  Getty Images \t\nPara two.\n", NULL,
                 "Para one.\nPara two.\n");
    EXPECT_CLEAN(c, "x\nAP Photo via Reuters\ny\n", NULL, "x\ny\n");
    EXPECT_CLEAN(c, "x\nPhoto credit: someone\ny\n", NULL, "x\ny\n");
    /* a sentence that mentions the agency is kept */
    EXPECT_CLEAN(c, "Getty Images photographers said so.\n", NULL,
                 "Getty Images photographers said so.\n");
    xn_chrome_free(c);
}
END_TEST

START_TEST(end_removes_the_footer)
{
    xn_chrome *c = load_conf();
    EXPECT_CLEAN(c,
                 "Last sentence.\n\n\xC2\xA9 Thomson Reuters 2015\n\nFollow "
                 "Gadgets 360 on X.\n",
                 NULL, "Last sentence.\n\n");
    EXPECT_CLEAN(c,
                 "Last sentence.\n\nTags China Computer security Cybercrime\n"
                 "See all Hill.TV See all Video\n",
                 NULL, "Last sentence.\n\n");
    EXPECT_CLEAN(c, "Text.\nTags\nmore\n", NULL, "Text.\n");
    EXPECT_CLEAN(c, "Text.\nSubscribe to CDT\nmore\n", NULL, "Text.\n");
    EXPECT_CLEAN(c, "Text.\nCopyright 2016 Someone\nmore\n", NULL, "Text.\n");
    /* words that only start like a footer are kept */
    EXPECT_CLEAN(c, "Tagsfoo bar\nShareholders met.\n", NULL,
                 "Tagsfoo bar\nShareholders met.\n");
    xn_chrome_free(c);
}
END_TEST

START_TEST(title_lines_are_dropped)
{
    xn_chrome *c = load_conf();
    const char *title = "U.S., China Cyber Group Holds First Talks";
    EXPECT_CLEAN(c,
                 "U.S., China Cyber Group Holds First Talks\n\n"
                 "  U.S., China Cyber Group Holds First Talks  \n"
                 "U.S., China Cyber Group Holds First Talks today\n"
                 "Body.\n",
                 title,
                 "\nU.S., China Cyber Group Holds First Talks today\nBody.\n");
    /* without rules, only the title lines go */
    EXPECT_CLEAN(NULL, "T\nGetty Images\nT\n", "T", "Getty Images\n");
    /* an empty title drops nothing */
    EXPECT_CLEAN(NULL, "\nx\n\n", "", "\nx\n\n");
    xn_chrome_free(c);
}
END_TEST

START_TEST(other_lines_are_kept_byte_for_byte)
{
    xn_chrome *c = load_conf();
    const char *text =
        "  indented\ttext with trailing space  \r\n"
        "\n"
        "\xE2\x80\x9CQuoted,\xE2\x80\x9D she said \xE2\x80\x94 twice.\n"
        "\t\n"
        "no final newline";
    EXPECT_CLEAN(c, text, "A title", text);
    EXPECT_CLEAN(NULL, text, NULL, text);
    EXPECT_CLEAN(c, "", "A title", "");
    EXPECT_CLEAN(c, "\n\n", NULL, "\n\n");
    xn_chrome_free(c);
}
END_TEST

START_TEST(strip_anchored_rule_removes_each_original_match_once)
{
    /* "remove every match inside the line": ^x matches "xxa" once, at the
     * start; the x that moves to the start after the removal was not at the
     * beginning of the line (as sed 's/^x//g' gives "xa") */
    char *path = write_temp("strip ^x\n");
    xn_error err;
    xn_error_clear(&err);
    xn_chrome *c = xn_chrome_load(path, &err);
    unlink(path);
    free(path);
    ck_assert_ptr_nonnull(c);
    EXPECT_CLEAN(c, "axx\n", NULL, "axx\n");
    EXPECT_CLEAN(c, "xxa\n", NULL, "xa\n");
    xn_chrome_free(c);
}
END_TEST

/* ---- the seed corpus -------------------------------------------------- */

typedef struct {
    const char *file;
    const char *title;            /* as in corpus/manifest.jsonl */
    const char *last_sentence;    /* the article's real last sentence */
    const char *starts_with;      /* what the cleaned body starts with */
    const char *gone[6];          /* chrome that must be removed */
} seed_t;

static const seed_t seeds[] = {
    {"000_9a014460469a5424.txt",
     "The U.S. And China Discussion on Final Cybersecurity Hacks",
     "China, Russia, and Iran are among the US\xE2\x80\x99s most productive "
     "and modern hacking enemies.",
     "The Top US and Chinese authorities will gather",
     {"\nThe U.S. And China Discussion on Final Cybersecurity Hacks\n", NULL}},
    {"001_79cea76adbd33e7d.txt",
     "China, US High-Level Cybercrime Talks to Begin Tuesday",
     "which exposed sensitive personal information of more than 22 million "
     "current and former government workers.",
     "\nTop US and Chinese officials will convene this week",
     {"Thomson Reuters", "Gadgets360", "Gadgets 360", "Red Pixels",
      "High-Level Cybercrime Talks to Begin Tuesday", NULL}},
    {"002_ba0cc2a364319859.txt",
     "The United States and China have discussed the problem of cybersecurity",
     "decided to hold this subject of discussion open.\xC2\xA0", /* NBSP */
     "\nDecember 12, 2016\n",
     {"have discussed the problem of cybersecurity", NULL}},
    {"003_366b0afce615304f.txt", "US, Chinese officials pleased with cyber talks",
     "members of the Chinese military had hacked U.S. companies.",
     "\n\nThe U.S. and China are making progress",
     {"Getty Images", "{mosads}", "Hill.TV", "Tags China", "Most Popular",
      NULL}},
    {"004_1e197ee08be45052.txt", "U.S., China Cyber Group Holds First Talks",
     "carries consequences in the real world for Chinese behavior,\xE2\x80\x9D "
     "he said.",
     "\n\nXinhua reports that top officials",
     {"Lantern", "[Source]", "Subscribe to CDT", "CDT is a non-profit",
      "Holds First Talks", NULL}},
};

START_TEST(seed_articles)
{
    const seed_t *s = &seeds[_i];
    xn_chrome *c = load_conf();
    char path[512];
    snprintf(path, sizeof path, "%s%s", CORPUS, s->file);
    size_t len;
    char *raw = read_file(path, &len);
    xn_strbuf out = XN_STRBUF_INIT;
    ck_assert_int_eq(xn_chrome_clean(c, raw, len, s->title, &out), 0);
    ck_assert_ptr_nonnull(out.data);
    const char *body = out.data;
    /* the article's last sentence is kept, and is where the body ends
     * (but for white space) */
    size_t ll = strlen(s->last_sentence), bl = out.len;
    while (bl && strchr(" \t\r\n", body[bl - 1])) bl--;
    ck_assert_msg(bl >= ll && memcmp(body + bl - ll, s->last_sentence, ll) == 0,
                  "%s: body does not end with its last sentence; it ends: %s",
                  s->file, out.len > 200 ? body + out.len - 200 : body);
    ck_assert_msg(strncmp(body, s->starts_with, strlen(s->starts_with)) == 0,
                  "%s: body starts: %.80s", s->file, body);
    for (int k = 0; s->gone[k]; k++)
        ck_assert_msg(strstr(body, s->gone[k]) == NULL,
                      "%s: chrome '%s' not removed", s->file, s->gone[k]);
    /* cleaning never adds bytes */
    ck_assert_uint_le(out.len, len);
    xn_strbuf_free(&out);
    free(raw);
    xn_chrome_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("chrome");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, loads_chrome_conf);
    tcase_add_test(tc, unknown_action_is_refused);
    tcase_add_test(tc, missing_regex_is_refused);
    tcase_add_test(tc, bad_regex_is_refused);
    tcase_add_test(tc, missing_file_is_refused);
    tcase_add_test(tc, strip_removes_matches_inside_a_line);
    tcase_add_test(tc, drop_removes_credit_lines);
    tcase_add_test(tc, end_removes_the_footer);
    tcase_add_test(tc, title_lines_are_dropped);
    tcase_add_test(tc, other_lines_are_kept_byte_for_byte);
    tcase_add_test(tc, strip_anchored_rule_removes_each_original_match_once);
    tcase_add_loop_test(tc, seed_articles, 0,
                        (int)(sizeof seeds / sizeof seeds[0]));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
