/** Uploads of evidence files: their state, size, SHA-256 at intake, and the sealed metadata kept with them. */
package org.amicus.core.submission.entity;
