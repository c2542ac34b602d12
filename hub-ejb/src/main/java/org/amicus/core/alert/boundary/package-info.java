/** Issuing, updating, withdrawing and acknowledging security alerts; their escalation timer. */
package org.amicus.core.alert.boundary;
