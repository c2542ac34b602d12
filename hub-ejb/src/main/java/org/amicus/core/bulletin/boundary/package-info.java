/** Writing, reviewing, scheduling and publishing bulletins; series and subscriptions; the public feeds. */
package org.amicus.core.bulletin.boundary;
