/** The REST API of cooperation requests: drafting, sending, each side's steps, and what both sides see. */
package org.amicus.web.cooperation;
