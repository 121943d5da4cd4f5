/* date.c - see date.h. */
#include "date.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Reads exactly N digits at S into *V. */
static int digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

static int fail(char *why, size_t n, const char *msg)
{
    if (why && n) snprintf(why, n, "%s", msg);
    return -1;
}

int xn_date_parse(const char *s, xn_date *d, char *why, size_t why_len)
{
    char msg[96];
    memset(d, 0, sizeof *d);
    if (digits(s, 4, &d->year) < 0)
        return fail(why, why_len, "expected a date as YYYY, YYYY-MM or YYYY-MM-DD");
    if (d->year < 1)
        return fail(why, why_len, "year 0000 is not a valid year");
    const char *p = s + 4;
    if (*p == '-') {
        if (digits(p + 1, 2, &d->month) < 0)
            return fail(why, why_len, "expected two digits for the month after YYYY-");
        if (d->month < 1 || d->month > 12) {
            snprintf(msg, sizeof msg, "month %02d out of range 01-12", d->month);
            return fail(why, why_len, msg);
        }
        p += 3;
        if (*p == '-') {
            if (digits(p + 1, 2, &d->day) < 0)
                return fail(why, why_len, "expected two digits for the day after YYYY-MM-");
            if (d->day < 1 || d->day > days_in_month(d->year, d->month)) {
                snprintf(msg, sizeof msg, "day %02d out of range for %04d-%02d",
                         d->day, d->year, d->month);
                return fail(why, why_len, msg);
            }
            p += 3;
            if (*p == 'T' || *p == ' ') {
                int hh, mm, ss, zh, zm;
                if (digits(p + 1, 2, &hh) < 0 || p[3] != ':' ||
                    digits(p + 4, 2, &mm) < 0 || hh > 23 || mm > 59)
                    return fail(why, why_len, "malformed time after the date (expected THH:MM)");
                p += 6;
                if (*p == ':') {
                    if (digits(p + 1, 2, &ss) < 0 || ss > 60)
                        return fail(why, why_len, "malformed seconds (expected :SS)");
                    p += 3;
                    if (*p == '.' || *p == ',') {
                        p++;
                        if (*p < '0' || *p > '9')
                            return fail(why, why_len, "malformed fraction of a second");
                        while (*p >= '0' && *p <= '9') p++;
                    }
                }
                /* the zone, if any, is checked but not needed for a date */
                if (*p == 'Z') p++;
                else if (*p == '+' || *p == '-') {
                    if (digits(p + 1, 2, &zh) < 0 || zh > 23)
                        return fail(why, why_len, "malformed time zone (expected +HH:MM)");
                    p += 3;
                    if (*p == ':') p++;
                    if (digits(p, 2, &zm) < 0 || zm > 59)
                        return fail(why, why_len, "malformed time zone (expected +HH:MM)");
                    p += 2;
                }
            }
        }
    }
    if (*p != '\0')
        return fail(why, why_len, "unexpected characters after the date");
    return 0;
}

void xn_date_compact(const xn_date *d, char out[9])
{
    if (d->day) snprintf(out, 9, "%04d%02d%02d", d->year, d->month, d->day);
    else if (d->month) snprintf(out, 9, "%04d%02d", d->year, d->month);
    else snprintf(out, 9, "%04d", d->year);
}

void xn_date_iso(const xn_date *d, char out[11])
{
    if (d->day) snprintf(out, 11, "%04d-%02d-%02d", d->year, d->month, d->day);
    else if (d->month) snprintf(out, 11, "%04d-%02d", d->year, d->month);
    else snprintf(out, 11, "%04d", d->year);
}

long xn_date_days(const xn_date *d)
{
    /* days from civil, proleptic Gregorian calendar */
    int y = d->year - (d->month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d->month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d->day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
