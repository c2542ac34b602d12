/**
 * Replay protection: the persistent record of envelope ids already opened, kept until each envelope
 * expires (docs/protocol/envelope.md §6).
 */
package org.amicus.core.replay;
