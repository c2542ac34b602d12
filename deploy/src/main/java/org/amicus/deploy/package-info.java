/**
 * The node launcher: checks the ground (data directory, ports, database) before touching anything,
 * starts the node's broker process and Payara Micro with the node archive, waits until the node is
 * ready, and stops both cleanly. Every failure ends in one line saying what is wrong and what to do.
 */
package org.amicus.deploy;
