/** Bulletins to audiences, their review, scheduling and subscriptions (issue 7). */
package org.amicus.core.bulletin;
