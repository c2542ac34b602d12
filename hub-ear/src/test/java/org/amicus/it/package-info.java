/**
 * Integration tests of the real node bundle: Arquillian tests in Payara Micro against a real broker
 * process, and launcher tests that start whole nodes as separate processes on 127.0.0.1. The suite
 * runs once against H2 and once against PostgreSQL ({@code amicus.it.db}).
 */
package org.amicus.it;
