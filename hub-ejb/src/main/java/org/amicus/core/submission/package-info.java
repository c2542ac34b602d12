/** Submissions, chain of custody, consent and feedback (issue 6). */
package org.amicus.core.submission;
