/** What bulletins need beyond one entity: recurring issues assembled from a template, the Atom feed and digest. */
package org.amicus.core.bulletin.control;
