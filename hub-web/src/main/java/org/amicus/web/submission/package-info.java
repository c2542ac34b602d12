/** The REST API of evidence uploads: announce a file, send it in resumable chunks, complete, verify. */
package org.amicus.web.submission;
