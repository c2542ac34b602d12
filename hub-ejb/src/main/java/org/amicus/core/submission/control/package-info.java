/** The evidence store port (encrypted files at rest, hashed at intake) and its value types. */
package org.amicus.core.submission.control;
