/* run_suite.h - the main() tail shared by the Check suites. */
#ifndef XAPNEWS_RUN_SUITE_H
#define XAPNEWS_RUN_SUITE_H

#include <check.h>
#include <stdlib.h>

/* Runs every test of S and returns the process exit status. */
static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
