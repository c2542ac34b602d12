/**
 * This node itself: its identity, what it reports about itself, and the ping path that proves every
 * layer (REST, EJB, JPA, JMS, MDB) works in one transaction.
 */
package org.amicus.core.node;
