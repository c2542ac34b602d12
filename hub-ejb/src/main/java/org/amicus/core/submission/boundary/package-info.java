/** Taking in evidence files in resumable chunks, checking them, and cleaning up abandoned uploads. */
package org.amicus.core.submission.boundary;
