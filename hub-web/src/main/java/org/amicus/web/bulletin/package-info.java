/** The REST API of bulletins: write, review, schedule, publish, read; series, subscriptions; the public feeds. */
package org.amicus.web.bulletin;
