/**
 * Integration tests of the real node bundle: Arquillian tests in Payara Micro against a real broker
 * process, and launcher tests that start whole nodes as separate processes on 127.0.0.1. They run once
 * against H2 and once against PostgreSQL ({@code amicus.it.db}): the suites {@link org.amicus.it.OnH2} and
 * {@link org.amicus.it.OnPostgreSql}, side by side in two JVMs.
 */
package org.amicus.it;
