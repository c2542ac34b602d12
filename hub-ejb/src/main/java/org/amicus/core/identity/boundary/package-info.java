/** The key directory facade for REST and for opening envelopes. */
package org.amicus.core.identity.boundary;
